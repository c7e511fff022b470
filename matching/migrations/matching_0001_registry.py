"""Registry: labourers with status history, employers and API keys, postings.

Revision ID: matching_0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "matching_0001"
down_revision = None
branch_labels = ("matching",)
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "labourer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("external_id", sa.String(64)),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("gender", sa.String(2)),
        sa.Column("birth_date", sa.Date()),
        sa.Column("birth_year", sa.Integer()),
        sa.Column("age", sa.Integer()),
        sa.Column("age_recorded_on", sa.Date()),
        sa.Column("phone", sa.String(20)),
        sa.Column("id_number", sa.String(18)),
        sa.Column("county_code", sa.String(6)),
        sa.Column("township", sa.String(64)),
        sa.Column("village", sa.String(64)),
        sa.Column("poverty_registered", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("skills", sa.Text(), nullable=False),
        sa.Column("wishes", sa.Text(), nullable=False),
        sa.Column("profile", sa.JSON()),
        sa.Column("wechat_openid", sa.String(64)),
        sa.Column("sms_consent", sa.Boolean(), nullable=False),
        sa.Column("pushes_opted_out", sa.Boolean(), nullable=False),
        sa.Column("coordinator_id", sa.Integer()),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_labourer"),
        sa.UniqueConstraint("external_id", name="uq_labourer_external_id"),
        sa.UniqueConstraint("id_number", name="uq_labourer_id_number"),
        sa.UniqueConstraint("wechat_openid", name="uq_labourer_wechat_openid"),
    )
    op.create_index("ix_labourer_phone", "labourer", ["phone"])
    op.create_index("ix_labourer_county_code", "labourer", ["county_code"])
    op.create_index("ix_labourer_status", "labourer", ["status"])

    op.create_table(
        "labourer_status_change",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("labourer_id", sa.Integer(), nullable=False),
        sa.Column("old_status", sa.String(16)),
        sa.Column("new_status", sa.String(16), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("note", sa.String(200), nullable=False),
        sa.Column("changed_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_labourer_status_change"),
        sa.ForeignKeyConstraint(["labourer_id"], ["labourer.id"], ondelete="CASCADE",
                                name="fk_labourer_status_change_labourer_id_labourer"),
    )
    op.create_index("ix_labourer_status_change_labourer_id", "labourer_status_change", ["labourer_id"])

    op.create_table(
        "employer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("contact", sa.String(64), nullable=False),
        sa.Column("phone", sa.String(20)),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_employer"),
    )
    op.create_index("ix_employer_name", "employer", ["name"])

    op.create_table(
        "employer_api_key",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_employer_api_key"),
        sa.UniqueConstraint("key_hash", name="uq_employer_api_key_key_hash"),
        sa.ForeignKeyConstraint(["employer_id"], ["employer.id"], ondelete="CASCADE",
                                name="fk_employer_api_key_employer_id_employer"),
    )
    op.create_index("ix_employer_api_key_employer_id", "employer_api_key", ["employer_id"])
    op.create_index("ix_employer_api_key_prefix", "employer_api_key", ["prefix"])

    op.create_table(
        "posting",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("external_id", sa.String(64)),
        sa.Column("employer_id", sa.Integer()),
        sa.Column("employer_name", sa.String(100), nullable=False),
        sa.Column("title", sa.String(60), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("location", sa.String(100), nullable=False),
        sa.Column("county_code", sa.String(6)),
        sa.Column("city_code", sa.String(6)),
        sa.Column("salary_min", sa.Integer()),
        sa.Column("salary_max", sa.Integer()),
        sa.Column("salary_unit", sa.String(16)),
        sa.Column("salary_text", sa.String(60), nullable=False),
        sa.Column("age_min", sa.Integer()),
        sa.Column("age_max", sa.Integer()),
        sa.Column("gender", sa.String(2)),
        sa.Column("required_certificates", sa.JSON(), nullable=False),
        sa.Column("headcount", sa.Integer()),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("local_only", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("expires_at", TZ),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_posting"),
        sa.UniqueConstraint("external_id", name="uq_posting_external_id"),
        sa.ForeignKeyConstraint(["employer_id"], ["employer.id"], ondelete="SET NULL",
                                name="fk_posting_employer_id_employer"),
    )
    op.create_index("ix_posting_employer_id", "posting", ["employer_id"])
    op.create_index("ix_posting_county_code", "posting", ["county_code"])
    op.create_index("ix_posting_city_code", "posting", ["city_code"])
    op.create_index("ix_posting_status", "posting", ["status"])
    op.create_index("ix_posting_expires_at", "posting", ["expires_at"])
    op.create_index("ix_posting_status_county", "posting", ["status", "county_code"])


def downgrade() -> None:
    op.drop_table("posting")
    op.drop_table("employer_api_key")
    op.drop_table("employer")
    op.drop_table("labourer_status_change")
    op.drop_table("labourer")
