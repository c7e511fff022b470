"""Match log written by ``jiuye match run``.

Revision ID: jobs_feed_0002
Revises: jobs_feed_0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "jobs_feed_0002"
down_revision = "jobs_feed_0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "match_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("run_id", sa.String(32), nullable=False),
        sa.Column("labourer_id", sa.Integer(), nullable=False),
        sa.Column("posting_id", sa.Integer()),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float()),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("engine_version", sa.String(32), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_match_log"),
        sa.ForeignKeyConstraint(
            ["labourer_id"], ["labourer.id"], name="fk_match_log_labourer_id_labourer", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["posting_id"], ["posting.id"], name="fk_match_log_posting_id_posting", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_match_log_run_id", "match_log", ["run_id"])
    op.create_index("ix_match_log_labourer_id", "match_log", ["labourer_id"])
    op.create_index("ix_match_log_created_at", "match_log", ["created_at"])


def downgrade() -> None:
    op.drop_table("match_log")
