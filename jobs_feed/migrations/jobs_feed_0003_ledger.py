"""Ledger: entitlement records with their state, career-guidance sessions.

Revision ID: jobs_feed_0003
Revises: jobs_feed_0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "jobs_feed_0003"
down_revision = "jobs_feed_0002"
branch_labels = None
depends_on = "matching_0002"

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "entitlement_record",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("labourer_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("amount", sa.String(200), nullable=False),
        sa.Column("citation", sa.String(200), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("how_to_apply", sa.Text(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("eligible_at", TZ, nullable=False),
        sa.Column("told_at", TZ),
        sa.Column("applied_at", TZ),
        sa.Column("granted_at", TZ),
        sa.Column("note", sa.String(200), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["labourer_id"], ["labourer.id"], name="fk_entitlement_record_labourer_id_labourer",
                                ondelete="CASCADE"),
        sa.UniqueConstraint("labourer_id", "name", name="uq_entitlement_labourer_name"),
    )
    op.create_index("ix_entitlement_record_labourer_id", "entitlement_record", ["labourer_id"])
    op.create_index("ix_entitlement_record_state", "entitlement_record", ["state"])
    op.create_table(
        "guidance_session",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("labourer_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(500), nullable=False),
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["labourer_id"], ["labourer.id"], name="fk_guidance_session_labourer_id_labourer",
                                ondelete="CASCADE"),
    )
    op.create_index("ix_guidance_session_labourer_id", "guidance_session", ["labourer_id"])
    op.create_index("ix_guidance_session_held_on", "guidance_session", ["held_on"])


def downgrade() -> None:
    op.drop_table("guidance_session")
    op.drop_table("entitlement_record")
