"""a company's current intake, kept on the company so the inbox need not look for it

Revision ID: a7c9e2f4b6d8
Revises: f2b8c6d1e9a4
Create Date: 2026-12-03 06:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "a7c9e2f4b6d8"
down_revision = "f2b8c6d1e9a4"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("current_intake_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_companies_current_intake_id", ["current_intake_id"],
                              unique=False)
        batch_op.create_foreign_key("fk_companies_current_intake_id_intakes", "intakes",
                                    ["current_intake_id"], ["id"], ondelete="SET NULL")
    # Every existing company points at its latest intake (the one the inbox showed); the
    # company's version and updated_at stay: nobody changed the company.
    op.execute("UPDATE companies SET current_intake_id = "
               "(SELECT max(intakes.id) FROM intakes WHERE intakes.company_id = companies.id)")


def downgrade():
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.drop_constraint("fk_companies_current_intake_id_intakes", type_="foreignkey")
        batch_op.drop_index("ix_companies_current_intake_id")
        batch_op.drop_column("current_intake_id")
