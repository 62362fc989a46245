"""company language: e-mails to a company are written in the language it registered in

Revision ID: c3d8e1f4a2b7
Revises: b7b1920388ae
Create Date: 2026-11-22 22:55:00

"""
import sqlalchemy as sa
from alembic import op

revision = "c3d8e1f4a2b7"
down_revision = "b7b1920388ae"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=2), server_default="sv", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.drop_column("language")
