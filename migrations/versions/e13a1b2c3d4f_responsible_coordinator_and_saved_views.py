"""a company's responsible coordinator, and coordinators' saved inbox views

Revision ID: e13a1b2c3d4f
Revises: f1b3c5d7e9a2
Create Date: 2026-12-02 03:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "e13a1b2c3d4f"
down_revision = "f1b3c5d7e9a2"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("responsible_coordinator_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_companies_responsible_coordinator_id",
                              ["responsible_coordinator_id"], unique=False)
        batch_op.create_foreign_key("fk_companies_responsible_coordinator_id_users", "users",
                                    ["responsible_coordinator_id"], ["id"], ondelete="SET NULL")
    op.create_table(
        "saved_views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("query", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name=op.f("fk_saved_views_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_views")),
        sa.UniqueConstraint("user_id", "name", name="uq_saved_views_user_id_name"),
    )
    op.create_index("ix_saved_views_user_id", "saved_views", ["user_id"], unique=False)


def downgrade():
    op.drop_index("ix_saved_views_user_id", table_name="saved_views")
    op.drop_table("saved_views")
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.drop_constraint("fk_companies_responsible_coordinator_id_users",
                                 type_="foreignkey")
        batch_op.drop_index("ix_companies_responsible_coordinator_id")
        batch_op.drop_column("responsible_coordinator_id")
