"""WeChat subscription-message consent: one row per (follower, template).

Revision ID: jobs_feed_0006
Revises: jobs_feed_0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "jobs_feed_0006"
down_revision = "jobs_feed_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "wechat_subscription",
        sa.Column("openid", sa.String(64), nullable=False),
        sa.Column("template_id", sa.String(128), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("allowance", sa.Integer(), nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("openid", "template_id", name="pk_wechat_subscription"),
    )


def downgrade() -> None:
    op.drop_table("wechat_subscription")
