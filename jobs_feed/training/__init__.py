"""Training courses (免费培训): imported, matched to people who want training, offered through the push outbox."""
