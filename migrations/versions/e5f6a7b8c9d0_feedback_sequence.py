"""feedback sequence: decisions are learned from one at a time, in the order they were made,
so a decision no longer makes every worker fit the matcher again

Revision ID: e5f6a7b8c9d0
Revises: d4e5f6a7b8c9
Create Date: 2026-12-02 00:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = "e5f6a7b8c9d0"
down_revision = "d4e5f6a7b8c9"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("catalogue_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("feedback_seq", sa.Integer(), server_default="0",
                                      nullable=False))
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("feedback_seq", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_suggestions_feedback_seq"), ["feedback_seq"],
                              unique=False)


def downgrade():
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suggestions_feedback_seq"))
        batch_op.drop_column("feedback_seq")
    with op.batch_alter_table("catalogue_state", schema=None) as batch_op:
        batch_op.drop_column("feedback_seq")
