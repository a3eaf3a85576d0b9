"""screening: red flags and clearances, precautions on clients and exercises; findings' severity; length tests

Revision ID: 0009_screening
Revises: 0008_pain_monitoring
"""
from alembic import op
import sqlalchemy as sa

revision = '0009_screening'
down_revision = '0008_pain_monitoring'
branch_labels = None
depends_on = None

EMPTY_LIST = sa.text("'[]'")


def upgrade():
    op.create_table(
        'screening_question',
        sa.Column('slug', sa.String(length=64), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('label', sa.String(length=120), nullable=False),
        sa.Column('question', sa.String(length=300), nullable=False),
        sa.Column('excludes', sa.String(length=300), nullable=True),
        sa.Column('advice', sa.Text(), nullable=True),
        sa.Column('source', sa.Text(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('slug', name=op.f('pk_screening_question')),
    )
    op.create_table(
        'clearance',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('assessment_id', sa.Integer(), nullable=False),
        sa.Column('cleared_by', sa.String(length=120), nullable=False),
        sa.Column('cleared_on', sa.Date(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('recorded_by', sa.Integer(), nullable=True),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'], name=op.f('fk_clearance_assessment_id_assessment'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['recorded_by'], ['trainer.id'], name=op.f('fk_clearance_recorded_by_trainer'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_clearance')),
        sa.UniqueConstraint('assessment_id', name=op.f('uq_clearance_assessment_id')),
    )
    op.create_table(
        'length_test',
        sa.Column('slug', sa.String(length=64), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('muscles', sa.JSON(), nullable=False),
        sa.Column('how', sa.Text(), nullable=False),
        sa.Column('source', sa.Text(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('slug', name=op.f('pk_length_test')),
    )
    op.create_table(
        'muscle_length_test',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('assessment_id', sa.Integer(), nullable=False),
        sa.Column('test_slug', sa.String(length=64), nullable=False),
        sa.Column('side', sa.String(length=10), nullable=False),
        sa.Column('result', sa.String(length=8), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['assessment_id'], ['assessment.id'],
                                name=op.f('fk_muscle_length_test_assessment_id_assessment'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_muscle_length_test')),
        sa.UniqueConstraint('assessment_id', 'test_slug', 'side',
                            name=op.f('uq_muscle_length_test_assessment_id_test_slug_side')),
    )
    with op.batch_alter_table('muscle_length_test', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_muscle_length_test_assessment_id'), ['assessment_id'], unique=False)
    with op.batch_alter_table('exercise', schema=None) as batch_op:
        batch_op.add_column(sa.Column('precautions', sa.JSON(), server_default=EMPTY_LIST, nullable=False))
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('red_flags', sa.JSON(), server_default=EMPTY_LIST, nullable=False))
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.add_column(sa.Column('precautions', sa.JSON(), server_default=EMPTY_LIST, nullable=False))
    with op.batch_alter_table('muscle_finding', schema=None) as batch_op:
        batch_op.add_column(sa.Column('severity', sa.String(length=8), server_default='mild', nullable=False))
    _grade_earlier_findings()


def _grade_earlier_findings():
    """Findings recorded before severities: a weak or inhibited finding takes
    its severity from its lowest grade (0-2 severe, 3 moderate, else mild)."""
    finding = sa.table('muscle_finding', sa.column('id', sa.Integer), sa.column('status', sa.String),
                       sa.column('sources', sa.JSON), sa.column('severity', sa.String))
    connection = op.get_bind()
    rows = connection.execute(sa.select(finding.c.id, finding.c.sources)
                              .where(finding.c.status.in_(['weak', 'inhibited']))).all()
    for row_id, sources in rows:
        grades = [s['grade'] for s in (sources or []) if s.get('kind') == 'muscle_test']
        if grades and min(grades) <= 3:
            severity = 'severe' if min(grades) <= 2 else 'moderate'
            connection.execute(finding.update().where(finding.c.id == row_id).values(severity=severity))


def downgrade():
    with op.batch_alter_table('muscle_finding', schema=None) as batch_op:
        batch_op.drop_column('severity')
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.drop_column('precautions')
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_column('red_flags')
    with op.batch_alter_table('exercise', schema=None) as batch_op:
        batch_op.drop_column('precautions')
    with op.batch_alter_table('muscle_length_test', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_muscle_length_test_assessment_id'))
    op.drop_table('muscle_length_test')
    op.drop_table('length_test')
    op.drop_table('clearance')
    op.drop_table('screening_question')
