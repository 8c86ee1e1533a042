"""A progress bar for long management commands, on stderr: no dependency, one line."""

import time


class ProgressBar:
    """A one-line bar on stderr, redrawn with ``\\r`` on a terminal, a line per quarter
    otherwise (a log file gets four lines, not a million)."""

    def __init__(self, stream, label, total):
        self.stream, self.label, self.total = stream, label, total
        self.done, self.started, self.drawn = 0, time.monotonic(), 0.0
        self.tty = stream.isatty()
        self.quarter = 0

    def advance(self, count):
        self.done += count
        now = time.monotonic()
        if self.tty and now - self.drawn > 0.1:
            self.draw("\r", "")
            self.drawn = now
        elif not self.tty and self.total and self.done * 4 // self.total > self.quarter:
            self.quarter = self.done * 4 // self.total
            if self.done < self.total:
                self.draw("", "\n")

    def finish(self):
        if self.total:
            self.draw("\r" if self.tty else "", "\n")

    def draw(self, start, end):
        filled = 30 * self.done // self.total
        self.stream.write(
            f"{start}{self.label:<13}[{'#' * filled:<30}] {self.done:>9,}/{self.total:,}"
            f"  {time.monotonic() - self.started:6.1f} s{end}",
            style_func=str,
            ending="",
        )
        self.stream.flush()
