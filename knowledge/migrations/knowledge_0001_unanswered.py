"""knowledge: unanswered_question.

Revision ID: knowledge_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "knowledge_0001"
down_revision = None
branch_labels = ("knowledge",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unanswered_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("normalized", sa.String(200), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("openid", sa.String(64), nullable=True),
        sa.Column("times_asked", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unanswered_question")),
        sa.UniqueConstraint("normalized", name=op.f("uq_unanswered_question_normalized")),
    )
    op.create_index(op.f("ix_unanswered_question_channel"), "unanswered_question", ["channel"])
    op.create_index(op.f("ix_unanswered_question_openid"), "unanswered_question", ["openid"])
    op.create_index(op.f("ix_unanswered_question_status"), "unanswered_question", ["status"])


def downgrade() -> None:
    op.drop_index(op.f("ix_unanswered_question_status"), table_name="unanswered_question")
    op.drop_index(op.f("ix_unanswered_question_openid"), table_name="unanswered_question")
    op.drop_index(op.f("ix_unanswered_question_channel"), table_name="unanswered_question")
    op.drop_table("unanswered_question")
