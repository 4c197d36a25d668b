/*
 * switchyard-hook: what Codex runs at each hook event of a managed agent
 * (`switchyard-hook codex-pre-tool-use`, payload JSON on stdin). It forwards the event to the
 * Switchyard that started the agent and relays the answer as Codex's hook protocol: exit 0 to
 * go on, exit 2 with a reason on stderr to refuse.
 *
 * Native so that an event costs a few milliseconds instead of a Node start-up (Codex runs it
 * for every gated tool call, through `bash -c`). It only carries bytes: the wire format is
 * documented in src/core/gate/hook-wire.ts, and every decision (including the text the model
 * reads) is made in the core. The Node client (src/cli/hook-command.ts) is the fallback where
 * no C compiler was found, and behaves the same.
 *
 * Environment: SWITCHYARD_AGENT_ID (absent: not a managed agent, exit 0 at once),
 * SWITCHYARD_CONTROL_SOCKET, SWITCHYARD_HOOK_TOKEN, and SWITCHYARD_HOOK_DEADLINE_MS (tests).
 *
 * Failing: a PreToolUse that gets no answer is refused (exit 2), because an agent whose writes
 * nobody checks could overwrite another agent's work. "No Switchyard" (socket missing,
 * connection refused, connection dropped) refuses at once; a Switchyard that is connected but
 * slow is waited for up to the deadline, which the core keeps below the `timeout` it gives Codex
 * for the hook (Codex lets a call through when a hook times out). Every other event only
 * informs, and never blocks the agent: any failure is exit 0.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

/* Must equal MAX_HOOK_PAYLOAD_BYTES in src/shared/control.ts (a unit test compares them). */
#define MAX_PAYLOAD_BYTES 1000000
/* Must equal HOOK_CLIENT_DEADLINE_MS in src/core/gate/hook-args.ts (a unit test compares them). */
#define DEFAULT_DEADLINE_MS 60000
#define MAX_REPLY_BYTES (4 * 1024 * 1024)

static int fail_closed = 0;
static char busy_reason[256];

static void write_all(int fd, const char *data, size_t length) {
  while (length > 0) {
    ssize_t n = write(fd, data, length);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    data += n;
    length -= (size_t)n;
  }
}

/* Refuses a PreToolUse (exit 2, reason on stderr); lets any other event go on (exit 0). */
static void give_up(const char *reason) {
  if (!fail_closed) _exit(0);
  write_all(2, reason, strlen(reason));
  write_all(2, "\n", 1);
  _exit(2);
}

static void unreachable(const char *why) {
  char reason[512];
  snprintf(reason, sizeof reason,
           "Switchyard, which coordinates the agents in this repository, is not reachable (%s); "
           "file changes are paused until it is back. Wait and retry, or ask the user.",
           why);
  give_up(reason);
}

/* The deadline passed while Switchyard was busy: only async-signal-safe calls from here. */
static void on_deadline(int signal_number) {
  (void)signal_number;
  if (!fail_closed) _exit(0);
  write_all(2, busy_reason, strlen(busy_reason));
  _exit(2);
}

static int plain_field(const char *value) {
  if (value == NULL || *value == '\0' || strlen(value) > 128) return 0;
  for (const char *c = value; *c; c++) {
    if (*c == ' ' || *c == '\n' || *c == '\r' || *c == '\t') return 0;
  }
  return 1;
}

int main(int argc, char **argv) {
  const char *event = argc > 1 ? argv[1] : "";
  fail_closed = strcmp(event, "codex-pre-tool-use") == 0;

  const char *agent = getenv("SWITCHYARD_AGENT_ID");
  if (agent == NULL || *agent == '\0') return 0; /* a user's own Codex: nothing to ask */
  const char *socket_path = getenv("SWITCHYARD_CONTROL_SOCKET");
  const char *token = getenv("SWITCHYARD_HOOK_TOKEN");
  if (!plain_field(agent) || !plain_field(token) || !plain_field(event) || socket_path == NULL) {
    give_up("Switchyard refused this call: this agent's Switchyard settings (SWITCHYARD_* variables) are missing or malformed.");
  }

  long deadline_ms = DEFAULT_DEADLINE_MS;
  const char *deadline_env = getenv("SWITCHYARD_HOOK_DEADLINE_MS");
  if (deadline_env != NULL && atol(deadline_env) > 0) deadline_ms = atol(deadline_env);
  snprintf(busy_reason, sizeof busy_reason,
           "Switchyard is busy and did not answer within %ld seconds; this file change was not made. "
           "Retry it in a moment.\n",
           (deadline_ms + 999) / 1000);
  signal(SIGPIPE, SIG_IGN);
  signal(SIGALRM, on_deadline);
  struct itimerval timer = {{0, 0}, {deadline_ms / 1000, (deadline_ms % 1000) * 1000}};
  setitimer(ITIMER_REAL, &timer, NULL);

  /* One byte past the limit, so an oversized payload is seen as such. */
  char *payload = malloc(MAX_PAYLOAD_BYTES + 1);
  if (payload == NULL) give_up("Switchyard refused this call: its hook client is out of memory.");
  size_t payload_bytes = 0;
  for (;;) {
    ssize_t n = read(0, payload + payload_bytes, MAX_PAYLOAD_BYTES + 1 - payload_bytes);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    payload_bytes += (size_t)n;
    if (payload_bytes > MAX_PAYLOAD_BYTES) {
      char reason[160];
      snprintf(reason, sizeof reason, "Switchyard refused this call: its hook payload is larger than %d bytes.", MAX_PAYLOAD_BYTES);
      give_up(reason);
    }
  }

  struct sockaddr_un address;
  memset(&address, 0, sizeof address);
  address.sun_family = AF_UNIX;
  if (strlen(socket_path) >= sizeof address.sun_path) unreachable("its socket path is too long");
  strcpy(address.sun_path, socket_path);
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0) unreachable(strerror(errno));
  /* A missing socket or a dead process fails here at once; a full backlog waits (busy). */
  if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) unreachable(strerror(errno));

  char header[512];
  int header_bytes = snprintf(header, sizeof header, "HOOK1 %s %s %s %zu\n", agent, token, event, payload_bytes);
  if (header_bytes <= 0 || (size_t)header_bytes >= sizeof header) give_up("Switchyard refused this call: the hook request is malformed.");
  write_all(fd, header, (size_t)header_bytes);
  write_all(fd, payload, payload_bytes);

  /* The core answers once and closes: read until then. */
  char *reply = malloc(MAX_REPLY_BYTES);
  if (reply == NULL) give_up("Switchyard refused this call: its hook client is out of memory.");
  size_t reply_bytes = 0;
  for (;;) {
    ssize_t n = read(fd, reply + reply_bytes, MAX_REPLY_BYTES - 1 - reply_bytes);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) unreachable(strerror(errno));
    if (n == 0 || reply_bytes + (size_t)n >= MAX_REPLY_BYTES - 1) {
      reply_bytes += (size_t)(n > 0 ? n : 0);
      break;
    }
    reply_bytes += (size_t)n;
  }
  reply[reply_bytes] = '\0';

  char *newline = memchr(reply, '\n', reply_bytes);
  int exit_code = -1;
  unsigned long out_bytes = 0, err_bytes = 0;
  if (newline == NULL) unreachable("it closed the connection without answering");
  *newline = '\0';
  if (sscanf(reply, "HOOK1 %d %lu %lu", &exit_code, &out_bytes, &err_bytes) != 3 || (exit_code != 0 && exit_code != 2) ||
      (size_t)(newline + 1 - reply) + out_bytes + err_bytes != reply_bytes) {
    give_up("Switchyard gave an answer this hook does not understand.");
  }
  const char *body = newline + 1;
  write_all(1, body, out_bytes);
  write_all(2, body + out_bytes, err_bytes);
  return exit_code;
}
