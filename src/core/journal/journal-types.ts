/** The journal's vocabulary: versions of one file, what they hold, and who wrote them. */
import { z } from 'zod';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValueSchema), z.record(z.string(), JsonValueSchema)]),
);

/** Why a version is attributed as it is: the rule that decided, and the event it rests on. */
export type JournalEvidence = { rule: string } & { [key: string]: JsonValue };
export const JournalEvidenceSchema = z.object({ rule: z.string() }).catchall(JsonValueSchema) as z.ZodType<JournalEvidence>;

/** Git's file modes: regular, executable, symbolic link. */
export const FileModeSchema = z.enum(['100644', '100755', '120000']);
export type FileMode = z.infer<typeof FileModeSchema>;

/**
 * kept: the bytes are a blob in the object store. deleted: the file did not exist.
 * too-large: the file existed but was bigger than the journal keeps (see MAX_JOURNALED_BYTES).
 * unreadable: the file existed but could not be read (permissions, a device).
 */
export const VersionStateSchema = z.enum(['kept', 'deleted', 'too-large', 'unreadable']);
export type VersionState = z.infer<typeof VersionStateSchema>;

/** The content of a path at one moment, as the journal stores it. */
export interface CapturedContent {
  state: VersionState;
  blob: string | null;
  mode: FileMode | null;
  size: number | null;
}

export const ABSENT: CapturedContent = { state: 'deleted', blob: null, mode: null, size: null };

/** 'pending' while the attribution waits for late evidence; then one of the final kinds ('offline': changed while Switchyard was not running). */
export const AttributionLabelSchema = z.enum(['exact', 'inferred', 'unattributed', 'offline', 'pending']);
export type AttributionLabel = z.infer<typeof AttributionLabelSchema>;

export interface JournalVersion extends CapturedContent {
  path: string;
  /** 1, 2, 3… per path, in the order the versions were seen. */
  version: number;
  /** ISO time the version was recorded. */
  at: string;
  agentId: string | null;
  attribution: AttributionLabel;
  evidence: JournalEvidence;
  /** Earliest and latest moment (epoch ms) the write can have happened, where the watcher knew; absent in older journals. */
  earliest?: number | undefined;
  latest?: number | undefined;
  /** Its place among all versions of all paths, in the order they were recorded (not stored: the file's line order). */
  sequence?: number | undefined;
}

/** One line of `.agents/journal/versions.jsonl`. Attribution lines amend an earlier version line. */
export const JournalLineSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('version'),
    path: z.string(),
    version: z.number().int().positive(),
    at: z.string(),
    state: VersionStateSchema,
    blob: z.string().nullable(),
    mode: FileModeSchema.nullable(),
    size: z.number().nullable(),
    agentId: z.string().nullable(),
    attribution: AttributionLabelSchema,
    evidence: JournalEvidenceSchema,
    earliest: z.number().optional(),
    latest: z.number().optional(),
  }),
  z.object({
    type: z.literal('attribution'),
    path: z.string(),
    version: z.number().int().positive(),
    at: z.string(),
    agentId: z.string().nullable(),
    attribution: AttributionLabelSchema,
    evidence: JournalEvidenceSchema,
  }),
]);
export type JournalLine = z.infer<typeof JournalLineSchema>;

/** What a journal version holds, as a capture of the file would say it. */
export const contentOf = (version: JournalVersion): CapturedContent => ({ state: version.state, blob: version.blob, mode: version.mode, size: version.size });
