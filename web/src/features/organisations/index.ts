// The member's organisations, for the forms that publish in an organisation's name.
export { useMyOrganisations, type Membership } from './api/get-my-organisations';
