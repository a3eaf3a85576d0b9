"""the client's link lasts the program: a link version per program, revocable; ticks per exercise saved

Revision ID: 0013_program_links
Revises: 0012_corrections

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_program_links'
down_revision = '0012_corrections'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.add_column(sa.Column('link_version', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('link_revoked_at', sa.DateTime(), nullable=True))

    op.create_table('exercise_tick',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('program_item_id', sa.Integer(), nullable=False),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_exercise_tick_program_id_program'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['program_item_id'], ['program_item.id'], name=op.f('fk_exercise_tick_program_item_id_program_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exercise_tick')),
    sa.UniqueConstraint('program_item_id', 'date', name=op.f('uq_exercise_tick_program_item_id_date'))
    )
    with op.batch_alter_table('exercise_tick', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exercise_tick_program_id'), ['program_id'], unique=False)


def downgrade():
    with op.batch_alter_table('exercise_tick', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exercise_tick_program_id'))
    op.drop_table('exercise_tick')
    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.drop_column('link_revoked_at')
        batch_op.drop_column('link_version')
