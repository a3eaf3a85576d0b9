"""program templates: a trainer's programs saved under a name, to start other clients' programs from

Revision ID: 0014_templates
Revises: 0013_program_links

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_templates'
down_revision = '0013_program_links'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('program_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trainer_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('weeks', sa.Integer(), nullable=False),
    sa.Column('sessions_per_week', sa.Integer(), nullable=False),
    sa.Column('minutes_per_session', sa.Integer(), nullable=False),
    sa.Column('equipment', sa.JSON(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('compensations', sa.JSON(), nullable=False),
    sa.Column('schedule', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['trainer_id'], ['trainer.id'], name=op.f('fk_program_template_trainer_id_trainer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program_template')),
    sa.UniqueConstraint('trainer_id', 'name', name=op.f('uq_program_template_trainer_id_name'))
    )
    with op.batch_alter_table('program_template', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_template_trainer_id'), ['trainer_id'], unique=False)


def downgrade():
    with op.batch_alter_table('program_template', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_program_template_trainer_id'))
    op.drop_table('program_template')
