"""Runs a command in a pseudo-terminal, as a terminal would: what arrives on stdin is typed into it, what it shows
comes out on stdout, and this exits with its exit code. Tests drive interactive commands through it."""
import fcntl, os, pty, select, struct, sys, termios

pid, master = pty.fork()
if pid == 0:
    # A terminal of 100 columns and 30 rows: some programs lay their output out by the width.
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    os.execvp(sys.argv[1], sys.argv[1:])

sources = [master, 0]
while master in sources:
    for fd in select.select(sources, [], [])[0]:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the command has ended and closed the terminal
            data = b""
        if fd == 0:
            if data:
                os.write(master, data)
            else:
                sources.remove(0)
        elif data:
            os.write(1, data)
        else:
            sources.remove(master)
sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
