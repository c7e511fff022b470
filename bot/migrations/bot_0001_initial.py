"""bot: wechat_user and handoff_ticket.

Revision ID: bot_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "bot_0001"
down_revision = None
branch_labels = ("bot",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "wechat_user",
        sa.Column("openid", sa.String(64), nullable=False),
        sa.Column("following", sa.Boolean(), nullable=False),
        sa.Column("push_opt_out", sa.Boolean(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("draft", sa.JSON(), nullable=True),
        sa.Column("last_interaction_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("openid", name=op.f("pk_wechat_user")),
    )
    op.create_index(op.f("ix_wechat_user_person_id"), "wechat_user", ["person_id"])
    op.create_table(
        "handoff_ticket",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("openid", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handoff_ticket")),
    )
    op.create_index(op.f("ix_handoff_ticket_openid"), "handoff_ticket", ["openid"])
    op.create_index(op.f("ix_handoff_ticket_status"), "handoff_ticket", ["status"])
    op.create_index(op.f("ix_handoff_ticket_created_at"), "handoff_ticket", ["created_at"])


def downgrade() -> None:
    op.drop_table("handoff_ticket")
    op.drop_table("wechat_user")
