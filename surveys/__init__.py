"""Online surveys of the provincial portal (Điều 8.2.đ) and their results (Điều 11.3.h)."""
