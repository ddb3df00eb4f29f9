"""Q&A (Hỏi - Đáp, Điều 13): citizens' questions and petitions, routed and answered
within the working-day deadlines of the decision."""
