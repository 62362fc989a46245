"""follow-up surveys: a series is marked finished; invitations, links and responses

Revision ID: f2b8c6d1e9a4
Revises: e13a1b2c3d4f
Create Date: 2026-12-02 03:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "f2b8c6d1e9a4"
down_revision = "e13a1b2c3d4f"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("workshop_series", schema=None) as batch_op:
        batch_op.add_column(sa.Column("finished_on", sa.Date(), nullable=True))
    op.create_table(
        "survey_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("workshop_series_id", sa.Integer(), nullable=False),
        sa.Column("wave", sa.Integer(), nullable=False),
        sa.Column("survey_version", sa.String(length=10), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("mails_sent", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_mailed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["workshop_series_id"], ["workshop_series.id"],
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("company_id", "workshop_series_id", "wave"),
    )
    with op.batch_alter_table("survey_invitations", schema=None) as batch_op:
        batch_op.create_index("ix_survey_invitations_company_id", ["company_id"])
        batch_op.create_index("ix_survey_invitations_workshop_series_id",
                              ["workshop_series_id"])
        batch_op.create_index("ix_survey_invitations_due_on", ["due_on"])
    op.create_table(
        "survey_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invitation_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["invitation_id"], ["survey_invitations.id"],
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("survey_links", schema=None) as batch_op:
        batch_op.create_index("ix_survey_links_invitation_id", ["invitation_id"])
    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invitation_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("maturity_levels", sa.JSON(), nullable=True),
        sa.Column("maturity_change", sa.JSON(), nullable=True),
        sa.Column("coach_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("feedback_seq", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["invitation_id"], ["survey_invitations.id"],
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["coach_id"], ["coaches.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("invitation_id"),
    )
    with op.batch_alter_table("survey_responses", schema=None) as batch_op:
        batch_op.create_index("ix_survey_responses_feedback_seq", ["feedback_seq"])


def downgrade():
    op.drop_table("survey_responses")
    op.drop_table("survey_links")
    op.drop_table("survey_invitations")
    with op.batch_alter_table("workshop_series", schema=None) as batch_op:
        batch_op.drop_column("finished_on")
