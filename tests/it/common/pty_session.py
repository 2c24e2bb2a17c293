"""Runs a command on a fresh pseudo-terminal that becomes its controlling terminal, and plays a
script against it. Driven by tests/it/unlock.rs and tests/it/docs.rs; python3's pty module
avoids any `unsafe` in Rust.

argv[1] is JSON: {"argv": [...], "env": {...}, "steps": [[kind, arg], ...]} where kind is
"expect" (wait until the output contains arg), "expect_next" (wait until the output after the
text the last expect step matched contains arg, for a prompt that appears more than once),
"noecho" (wait until the terminal's echo is off) or "send" (type arg). Prints JSON: exit code
(negative: killed by that signal), everything the terminal showed, and the terminal's
echo/canonical flags after the command ended.
"""

import json
import os
import signal
import pty
import select
import sys
import termios
import time

spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    # A test runner started in the background (or by a CI system) may hand down SIGINT
    # ignored, and an ignored signal stays ignored across exec: give sealbox the default, as
    # an interactive shell would, so Ctrl-C behaves as it does for a user.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.execve(spec["argv"][0], spec["argv"], spec["env"])

output = b""
error = None
# Where the text the last expect step matched ends.
cursor = 0


def read_some(timeout):
    """Reads what is there within `timeout`; False once the terminal is closed (the command
    and everything it started have exited)."""
    global output
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return True
    try:
        data = os.read(fd, 4096)
    except OSError:
        data = b""
    output += data
    return bool(data)


for kind, arg in spec["steps"]:
    deadline = time.monotonic() + 20
    if kind in ("expect", "expect_next"):
        start = cursor if kind == "expect_next" else 0
        while output.find(arg.encode(), start) < 0 and time.monotonic() < deadline:
            if not read_some(0.05):
                break
        found = output.find(arg.encode(), start)
        if found < 0:
            error = f"did not see {arg!r}"
            break
        cursor = found + len(arg.encode())
    elif kind == "noecho":
        while termios.tcgetattr(fd)[3] & termios.ECHO and time.monotonic() < deadline:
            read_some(0.01)
        if termios.tcgetattr(fd)[3] & termios.ECHO:
            error = "echo stayed on"
            break
    elif kind == "send":
        os.write(fd, arg.encode())

deadline = time.monotonic() + 20
while time.monotonic() < deadline and read_some(0.1):
    finished, status = os.waitpid(pid, os.WNOHANG)
    if finished:
        break
else:
    finished = 0
if not finished:
    if error is None and time.monotonic() >= deadline:
        error = "the command did not finish"
    if error is not None:
        os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
# Catch output written just before the exit.
while read_some(0):
    pass
lflag = termios.tcgetattr(fd)[3]
print(json.dumps({
    "code": os.waitstatus_to_exitcode(status),
    "output": output.decode("utf-8", "replace"),
    "echo": bool(lflag & termios.ECHO),
    "icanon": bool(lflag & termios.ICANON),
    "isig": bool(lflag & termios.ISIG),
    "error": error,
}))
