"""Eligibility facts on the labourer (低保, 特困, 已脱贫, graduate …) as JSON.

Revision ID: matching_0002
Revises: matching_0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "matching_0002"
down_revision = "matching_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("labourer") as batch:
        batch.add_column(sa.Column("facts", sa.JSON()))


def downgrade() -> None:
    with op.batch_alter_table("labourer") as batch:
        batch.drop_column("facts")
