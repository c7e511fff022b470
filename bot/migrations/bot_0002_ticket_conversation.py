"""bot: a 人工 ticket keeps the conversation that led to it and who closed it.

Revision ID: bot_0002
Revises: bot_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "bot_0002"
down_revision = "bot_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("handoff_ticket") as batch:
        batch.add_column(sa.Column("closed_by", sa.String(64), nullable=True))
        batch.add_column(sa.Column("conversation", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("handoff_ticket") as batch:
        batch.drop_column("conversation")
        batch.drop_column("closed_by")
