import { graphql } from '#lib/gql/index.ts';

/** One kill switch as the banner and the control show it. */
export const KillSwitchFieldsFragment = graphql(`
  fragment KillSwitchFields on KillSwitch {
    id
    scope
    state
    reason
    changedAt
    strategy {
      id
      code
      name
    }
  }
`);

/** Every kill switch: the global one first, then the strategies' (created when first turned on). */
export const KillSwitchesQuery = graphql(`
  query KillSwitches {
    killSwitches {
      ...KillSwitchFields
    }
  }
`);

/** Every kill switch turned on or off, from any session or process. */
export const KillSwitchChangedSubscription = graphql(`
  subscription KillSwitchChanged {
    killSwitchChanged {
      ...KillSwitchFields
    }
  }
`);

export const TurnKillSwitchOnMutation = graphql(`
  mutation TurnKillSwitchOn($input: KillSwitchInput!) {
    turnKillSwitchOn(input: $input) {
      killSwitch {
        ...KillSwitchFields
      }
      ordersCancelled
      ordersLeftForVenue
    }
  }
`);

export const TurnKillSwitchOffMutation = graphql(`
  mutation TurnKillSwitchOff($input: KillSwitchInput!) {
    turnKillSwitchOff(input: $input) {
      killSwitch {
        ...KillSwitchFields
      }
    }
  }
`);
