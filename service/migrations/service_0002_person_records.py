"""service: reveal audit, follow-up visits and help plans (reference the registry's labourers).

Revision ID: service_0002
Revises: service_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "service_0002"
down_revision = "service_0001"
branch_labels = None
depends_on = "matching_0001"


def upgrade() -> None:
    op.create_table(
        "console_reveal_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("labourer_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(16), nullable=False),
        sa.Column("ip", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["console_user.id"], ondelete="CASCADE",
                                name=op.f("fk_console_reveal_log_user_id_console_user")),
        sa.ForeignKeyConstraint(["labourer_id"], ["labourer.id"], ondelete="CASCADE",
                                name=op.f("fk_console_reveal_log_labourer_id_labourer")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_console_reveal_log")),
    )
    op.create_index(op.f("ix_console_reveal_log_user_id"), "console_reveal_log", ["user_id"])
    op.create_index(op.f("ix_console_reveal_log_labourer_id"), "console_reveal_log", ["labourer_id"])
    op.create_table(
        "console_follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("labourer_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("visit_date", sa.Date(), nullable=False),
        sa.Column("next_visit_date", sa.Date(), nullable=True),
        sa.Column("is_latest", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["labourer_id"], ["labourer.id"], ondelete="CASCADE",
                                name=op.f("fk_console_follow_up_labourer_id_labourer")),
        sa.ForeignKeyConstraint(["user_id"], ["console_user.id"], ondelete="SET NULL",
                                name=op.f("fk_console_follow_up_user_id_console_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_console_follow_up")),
    )
    op.create_index("ix_console_follow_up_person_created", "console_follow_up", ["labourer_id", "created_at"])
    op.create_index(op.f("ix_console_follow_up_next_visit_date"), "console_follow_up", ["next_visit_date"])
    op.create_index(op.f("ix_console_follow_up_is_latest"), "console_follow_up", ["is_latest"])
    op.create_table(
        "console_help_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("labourer_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["labourer_id"], ["labourer.id"], ondelete="CASCADE",
                                name=op.f("fk_console_help_plan_labourer_id_labourer")),
        sa.ForeignKeyConstraint(["updated_by"], ["console_user.id"], ondelete="SET NULL",
                                name=op.f("fk_console_help_plan_updated_by_console_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_console_help_plan")),
        sa.UniqueConstraint("labourer_id", name=op.f("uq_console_help_plan_labourer_id")),
    )


def downgrade() -> None:
    op.drop_table("console_help_plan")
    op.drop_table("console_follow_up")
    op.drop_table("console_reveal_log")
