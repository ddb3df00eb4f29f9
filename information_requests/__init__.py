"""Information requests (yêu cầu cung cấp thông tin): Luật Tiếp cận thông tin 2016 and
Nghị định 13/2018/NĐ-CP, on the Q&A engine's intake (issue #22 item 1)."""
