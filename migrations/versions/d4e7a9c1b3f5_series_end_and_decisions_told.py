"""series end date, and when the company was told about a decision

A workshop series counts as carried out once its last date has passed, so it gets an end date.
Decisions reach the company as one message per review: each suggestion remembers when the
company was last told about its decision.

Revision ID: d4e7a9c1b3f5
Revises: d9e0f1a2b3c4
Create Date: 2026-12-01 23:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "d4e7a9c1b3f5"
down_revision = "d9e0f1a2b3c4"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("workshop_series", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ends_on", sa.Date(), nullable=True))
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("told_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.drop_column("told_at")
    with op.batch_alter_table("workshop_series", schema=None) as batch_op:
        batch_op.drop_column("ends_on")
