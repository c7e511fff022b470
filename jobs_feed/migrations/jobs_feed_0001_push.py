"""Push outbox.

Revision ID: jobs_feed_0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "jobs_feed_0001"
down_revision = None
branch_labels = ("jobs_feed",)
depends_on = "matching_0001"

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "push",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("labourer_id", sa.Integer(), nullable=False),
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(20)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("score", sa.Float()),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", TZ),
        sa.Column("lease_until", TZ),
        sa.Column("vendor_message_id", sa.String(64)),
        sa.Column("error", sa.String(500)),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("sent_at", TZ),
        sa.Column("delivered_at", TZ),
        sa.PrimaryKeyConstraint("id", name="pk_push"),
        sa.ForeignKeyConstraint(
            ["labourer_id"], ["labourer.id"], name="fk_push_labourer_id_labourer", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["posting_id"], ["posting.id"], name="fk_push_posting_id_posting", ondelete="CASCADE"),
        sa.UniqueConstraint("labourer_id", "posting_id", name="uq_push_labourer_posting"),
    )
    op.create_index("ix_push_status_next", "push", ["status", "next_attempt_at"])
    op.create_index("ix_push_labourer_id", "push", ["labourer_id"])
    op.create_index("ix_push_posting_id", "push", ["posting_id"])
    op.create_index("ix_push_vendor_message_id", "push", ["vendor_message_id"])
    op.create_index("ix_push_created_at", "push", ["created_at"])


def downgrade() -> None:
    op.drop_table("push")
