"""Match runs: one row per ``jiuye match run``, finished once every shard has written its rows.

Revision ID: jobs_feed_0005
Revises: jobs_feed_0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "jobs_feed_0005"
down_revision = "jobs_feed_0004"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "match_run",
        sa.Column("run_id", sa.String(32), nullable=False),
        sa.Column("shards", sa.Integer(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("matched", sa.Integer(), nullable=False),
        sa.Column("pairs", sa.Integer(), nullable=False),
        sa.Column("started_at", TZ, nullable=False),
        sa.Column("finished_at", TZ, nullable=True),
        sa.PrimaryKeyConstraint("run_id", name="pk_match_run"),
    )


def downgrade() -> None:
    op.drop_table("match_run")
