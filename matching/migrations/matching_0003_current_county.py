"""Where the labourer is now (a WeChat location): the county 本地/附近 refer to when set.

Revision ID: matching_0003
Revises: matching_0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "matching_0003"
down_revision = "matching_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("labourer") as batch:
        batch.add_column(sa.Column("current_county_code", sa.String(6), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("labourer") as batch:
        batch.drop_column("current_county_code")
