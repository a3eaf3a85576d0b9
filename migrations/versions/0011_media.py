"""a practice's own media on exercises: photos and video links

Revision ID: 0011_media
Revises: 0010_follow_up

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_media'
down_revision = '0010_follow_up'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('exercise_media',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trainer_id', sa.Integer(), nullable=False),
    sa.Column('exercise_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('file_name', sa.String(length=64), nullable=True),
    sa.Column('video_url', sa.String(length=500), nullable=True),
    sa.Column('caption', sa.String(length=200), nullable=True),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("(kind = 'photo' AND file_name IS NOT NULL AND video_url IS NULL) OR (kind = 'video' AND video_url IS NOT NULL AND file_name IS NULL)", name=op.f('ck_exercise_media_kind_fields')),
    sa.ForeignKeyConstraint(['exercise_id'], ['exercise.id'], name=op.f('fk_exercise_media_exercise_id_exercise'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['trainer_id'], ['trainer.id'], name=op.f('fk_exercise_media_trainer_id_trainer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exercise_media')),
    sa.UniqueConstraint('file_name', name=op.f('uq_exercise_media_file_name'))
    )
    with op.batch_alter_table('exercise_media', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exercise_media_exercise_id'), ['exercise_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exercise_media_trainer_id'), ['trainer_id', 'exercise_id'], unique=False)


def downgrade():
    with op.batch_alter_table('exercise_media', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exercise_media_trainer_id'))
        batch_op.drop_index(batch_op.f('ix_exercise_media_exercise_id'))

    op.drop_table('exercise_media')
