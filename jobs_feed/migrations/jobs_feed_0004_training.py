"""Training courses; the push outbox carries training offers (training_id) beside postings.

Revision ID: jobs_feed_0004
Revises: jobs_feed_0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "jobs_feed_0004"
down_revision = "jobs_feed_0003"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "training_course",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("external_id", sa.String(64), nullable=False),
        sa.Column("provider", sa.String(100), nullable=False),
        sa.Column("trade", sa.String(40), nullable=False),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("location", sa.String(100), nullable=False),
        sa.Column("county_code", sa.String(6)),
        sa.Column("city_code", sa.String(6)),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date()),
        sa.Column("seats", sa.Integer()),
        sa.Column("enrolled", sa.Integer(), nullable=False),
        sa.Column("cost", sa.String(12), nullable=False),
        sa.Column("subsidy", sa.String(200), nullable=False),
        sa.Column("apply_by", sa.Date()),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_training_course"),
        sa.UniqueConstraint("external_id", name="uq_training_course_external_id"),
    )
    op.create_index("ix_training_course_county_code", "training_course", ["county_code"])
    op.create_index("ix_training_course_status", "training_course", ["status"])
    # batch mode: SQLite rebuilds the table to relax NOT NULL and add the foreign key
    with op.batch_alter_table("push") as batch:
        batch.alter_column("posting_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("training_id", sa.Integer()))
        batch.create_foreign_key("fk_push_training_id_training_course", "training_course", ["training_id"], ["id"],
                                 ondelete="CASCADE")
        batch.create_unique_constraint("uq_push_labourer_training", ["labourer_id", "training_id"])
        batch.create_index("ix_push_training_id", ["training_id"])


def downgrade() -> None:
    # training offers cannot live in a push table whose posting_id is required again
    op.execute(sa.text("DELETE FROM push WHERE training_id IS NOT NULL"))
    with op.batch_alter_table("push") as batch:
        batch.drop_index("ix_push_training_id")
        batch.drop_constraint("uq_push_labourer_training", type_="unique")
        batch.drop_constraint("fk_push_training_id_training_course", type_="foreignkey")
        batch.drop_column("training_id")
        batch.alter_column("posting_id", existing_type=sa.Integer(), nullable=False)
    op.drop_table("training_course")
