"""Question banks beyond checking: self-check view, LMS exchange, exam tickets, secret strings."""
