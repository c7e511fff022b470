"""service: a follow-up visit's type (电话/上门/微信) and outcome (已上岗/在找/暂不找工作/联系不上).

Revision ID: service_0003
Revises: service_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "service_0003"
down_revision = "service_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("console_follow_up") as batch:
        batch.add_column(sa.Column("kind", sa.String(8), nullable=False, server_default=""))
        batch.add_column(sa.Column("outcome", sa.String(16), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("console_follow_up") as batch:
        batch.drop_column("outcome")
        batch.drop_column("kind")
