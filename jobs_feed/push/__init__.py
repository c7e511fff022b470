"""Pushes: the outbox, the planner that fills it, and delivery over RQ through the senders."""
