import { graphql } from '#lib/gql/index.ts';

/** Everything behind one decision or computation (compliance). */
export const LineageQuery = graphql(`
  query Lineage($subject: LineageSubject!, $id: ID!) {
    lineage(subject: $subject, id: $id) {
      subject
      subjectId
      title
      strategy {
        id
        name
        code
      }
      version {
        id
        versionTag
        template
        seed
        approvalStatus
        submittedBy
        reviewedBy
        decidedAt
        notes
      }
      decision {
        label
        value
      }
      policies {
        label
        value
      }
      approvals {
        step
        role
        approver
        at
      }
      runs {
        id
        status
        engineVersion
        datasetLabel
        datasetChecksum
        parameterChecksum
        parametersJson
        feeBps
        slippageBps
        seed
        completedAt
      }
      auditEventCount
      auditEvents {
        sequence
        occurredAt
        actor
        actorRole
        action
        subject
        datasetChecksum
        engineVersion
        correlationId
        hash
      }
    }
  }
`);
