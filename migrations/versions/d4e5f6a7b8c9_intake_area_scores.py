"""intake area scores and pending suggestions: scores are kept from the moment of submission,
and a submission whose suggestions failed is marked to be computed later

Revision ID: d4e5f6a7b8c9
Revises: c3d8e1f4a2b7
Create Date: 2026-12-01 23:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = "d4e5f6a7b8c9"
down_revision = "c3d8e1f4a2b7"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("intakes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("area_scores", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("suggestions_pending", sa.Boolean(),
                                      server_default=sa.false(), nullable=False))
        batch_op.create_index(batch_op.f("ix_intakes_suggestions_pending"),
                              ["suggestions_pending"], unique=False)
    _backfill_area_scores()


def _backfill_area_scores():
    """Submitted intakes get the scores their answers give under their own version."""
    from intake.questionnaire import load
    from intake.questionnaire.scoring import derive_area_scores

    bind = op.get_bind()
    intakes = sa.table("intakes", sa.column("id", sa.Integer),
                       sa.column("questionnaire_version", sa.String),
                       sa.column("status", sa.String), sa.column("area_scores", sa.JSON))
    answers = sa.table("area_answers", sa.column("intake_id", sa.Integer),
                       sa.column("area", sa.String), sa.column("levels", sa.JSON),
                       sa.column("priority", sa.Integer), sa.column("text", sa.Text))
    rows = bind.execute(sa.select(intakes.c.id, intakes.c.questionnaire_version)
                        .where(intakes.c.status != "draft")).all()
    for intake_id, version in rows:
        raw = {a.area: {"levels": a.levels, "priority": a.priority, "text": a.text}
               for a in bind.execute(sa.select(answers).where(answers.c.intake_id == intake_id))}
        try:
            scores = derive_area_scores(load(version), raw)
        except ValueError:  # an unknown version or answers it cannot read
            continue  # left empty, and read as "no scores": never a failed upgrade
        bind.execute(intakes.update().where(intakes.c.id == intake_id)
                     .values(area_scores=scores))


def downgrade():
    with op.batch_alter_table("intakes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intakes_suggestions_pending"))
        batch_op.drop_column("suggestions_pending")
        batch_op.drop_column("area_scores")
