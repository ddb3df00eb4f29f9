"""Working days (ngày làm việc): the calendar every deadline of the decision counts in."""
