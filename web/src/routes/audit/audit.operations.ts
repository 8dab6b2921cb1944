import { graphql } from '#lib/gql/index.ts';

export const AuditEventsQuery = graphql(`
  query AuditEvents($actorId: ID, $action: String, $subjectType: String, $subjectId: String, $from: DateTimeISO, $to: DateTimeISO, $limit: Int) {
    auditEvents(actorId: $actorId, action: $action, subjectType: $subjectType, subjectId: $subjectId, from: $from, to: $to, limit: $limit) {
      totalCount
      events {
        sequence
        occurredAt
        actorId
        actorName
        actorEmail
        actorRole
        action
        subjectType
        subjectId
        details {
          path
          text
          number
          boolean
        }
        datasetChecksum
        engineVersion
        hash
      }
    }
  }
`);

export const VerifyAuditChainQuery = graphql(`
  query VerifyAuditChain {
    verifyAuditChain {
      intact
      checkedCount
      brokenSequence
      reason
      lastSequence
      checkpointCount
    }
  }
`);

export const ExportAuditEventsQuery = graphql(`
  query ExportAuditEvents($format: AuditExportFormat!, $actorId: ID, $action: String, $subjectType: String, $subjectId: String, $from: DateTimeISO, $to: DateTimeISO) {
    exportAuditEvents(format: $format, actorId: $actorId, action: $action, subjectType: $subjectType, subjectId: $subjectId, from: $from, to: $to)
  }
`);
