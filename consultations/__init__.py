"""Consultation comments (ý kiến góp ý, Điều 8.1.h and 11.3.g): what the public sends
on a draft open for consultation, moderated by the portal's board before it is
published, and exported for the drafting agency."""
