"""follow-up after a program: answers to the follow-up prompts; the Patient-Specific Functional Scale on assessments

Revision ID: 0010_follow_up
Revises: 0009_screening

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_follow_up'
down_revision = '0009_screening'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('follow_up_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=False),
    sa.Column('pain', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('pain BETWEEN 0 AND 10', name=op.f('ck_follow_up_answer_pain_range')),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_follow_up_answer_client_id_client'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['message_id'], ['message.id'], name=op.f('fk_follow_up_answer_message_id_message'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_answer')),
    sa.UniqueConstraint('client_id', 'due_on', name=op.f('uq_follow_up_answer_client_id_due_on'))
    )
    with op.batch_alter_table('follow_up_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_answer_client_id'), ['client_id'], unique=False)

    op.create_table('psfs_score',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('activity', sa.String(length=120), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.CheckConstraint('score BETWEEN 0 AND 10', name=op.f('ck_psfs_score_score_range')),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_psfs_score_assessment_id_assessment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_psfs_score')),
    sa.UniqueConstraint('assessment_id', 'position', name=op.f('uq_psfs_score_assessment_id_position'))
    )
    with op.batch_alter_table('psfs_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_psfs_score_assessment_id'), ['assessment_id'], unique=False)


def downgrade():
    with op.batch_alter_table('psfs_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_psfs_score_assessment_id'))
    op.drop_table('psfs_score')
    with op.batch_alter_table('follow_up_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_answer_client_id'))
    op.drop_table('follow_up_answer')
