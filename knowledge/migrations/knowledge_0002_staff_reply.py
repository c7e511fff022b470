"""knowledge: a coordinator's reply to an unanswered question (who, when, whether it reached the asker, and
whether the bot gives it to whoever asks the same question next).

Revision ID: knowledge_0002
Revises: knowledge_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "knowledge_0002"
down_revision = "knowledge_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unanswered_question") as batch:
        batch.add_column(sa.Column("reply", sa.Text(), nullable=True))
        batch.add_column(sa.Column("replied_by", sa.String(64), nullable=True))
        batch.add_column(sa.Column("replied_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("reply_status", sa.String(16), nullable=True))
        batch.add_column(sa.Column("curated", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("unanswered_question") as batch:
        batch.drop_column("curated")
        batch.drop_column("reply_status")
        batch.drop_column("replied_at")
        batch.drop_column("replied_by")
        batch.drop_column("reply")
