"""progress: alerts, nightly program reviews, weekly digests, per-client automatic adjustment

Revision ID: 0005_progress
Revises: 0004_web

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_progress'
down_revision = '0004_web'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('digest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trainer_id', sa.Integer(), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('entries', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('email_claimed_at', sa.DateTime(), nullable=True),
    sa.Column('emailed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['trainer_id'], ['trainer.id'], name=op.f('fk_digest_trainer_id_trainer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digest')),
    sa.UniqueConstraint('trainer_id', 'week_start', name=op.f('uq_digest_trainer_id_week_start'))
    )
    with op.batch_alter_table('digest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_digest_trainer_id'), ['trainer_id'], unique=False)

    op.create_table('alert',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolved_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_alert_client_id_client'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resolved_by'], ['trainer.id'], name=op.f('fk_alert_resolved_by_trainer'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert'))
    )
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_client_id'), ['client_id'], unique=False)
        batch_op.create_index('uq_alert_open_per_kind', ['client_id', 'kind'], unique=True, sqlite_where=sa.text('resolved_at IS NULL'), postgresql_where=sa.text('resolved_at IS NULL'))

    op.create_table('program_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('enqueued_at', sa.DateTime(), nullable=True),
    sa.Column('claimed_at', sa.DateTime(), nullable=True),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], name=op.f('fk_program_review_client_id_client'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by'], ['trainer.id'], name=op.f('fk_program_review_decided_by_trainer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_program_review_program_id_program'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program_review')),
    sa.UniqueConstraint('program_id', 'reviewed_on', name=op.f('uq_program_review_program_id_reviewed_on'))
    )
    with op.batch_alter_table('program_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_review_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_program_review_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_program_review_status'), ['status'], unique=False)

    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.add_column(sa.Column('auto_adjust', sa.Boolean(), server_default=sa.false(), nullable=False))

    # Deleting a program session sets these to NULL: without an index every
    # deleted session (regenerating a program deletes many) scans the table.
    with op.batch_alter_table('dispatch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dispatch_program_session_id'), ['program_session_id'], unique=False)
    with op.batch_alter_table('checkin', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checkin_program_session_id'), ['program_session_id'], unique=False)



def downgrade():
    with op.batch_alter_table('checkin', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checkin_program_session_id'))
    with op.batch_alter_table('dispatch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dispatch_program_session_id'))
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.drop_column('auto_adjust')

    with op.batch_alter_table('program_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_program_review_status'))
        batch_op.drop_index(batch_op.f('ix_program_review_program_id'))
        batch_op.drop_index(batch_op.f('ix_program_review_client_id'))

    op.drop_table('program_review')
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.drop_index('uq_alert_open_per_kind', sqlite_where=sa.text('resolved_at IS NULL'), postgresql_where=sa.text('resolved_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_alert_client_id'))

    op.drop_table('alert')
    with op.batch_alter_table('digest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_digest_trainer_id'))

    op.drop_table('digest')
