"""pain monitoring: exercise and morning pain on check-ins; a note on alerts resolved by the rules

Revision ID: 0008_pain_monitoring
Revises: 0007_server_sessions

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_pain_monitoring'
down_revision = '0007_server_sessions'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('checkin', schema=None) as batch_op:
        batch_op.add_column(sa.Column('exercise_pain', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('morning_pain', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f('ck_checkin_exercise_pain_range'), 'exercise_pain IS NULL OR exercise_pain BETWEEN 0 AND 10')
        batch_op.create_check_constraint(
            op.f('ck_checkin_morning_pain_range'), 'morning_pain IS NULL OR morning_pain BETWEEN 0 AND 10')

    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.add_column(sa.Column('resolution_note', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.drop_column('resolution_note')

    with op.batch_alter_table('checkin', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_checkin_morning_pain_range'), type_='check')
        batch_op.drop_constraint(op.f('ck_checkin_exercise_pain_range'), type_='check')
        batch_op.drop_column('morning_pain')
        batch_op.drop_column('exercise_pain')
