import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppLayout } from '@/components/layout/app-layout';
import { AccountNav, RequireSession, SessionEvents, UnverifiedNotice } from '@/features/auth';
import { HomeRoute } from './home-route';
import { NotFoundRoute } from './not-found';

// Account, profile, organisation, search, project, opportunity and matchmaking pages load when first visited: most visits only read, and members on
// metered links should not download forms they never open.
const LoginRoute = lazy(() =>
  import('@/features/auth/routes/login-route').then((m) => ({ default: m.LoginRoute })),
);
const RegisterRoute = lazy(() =>
  import('@/features/auth/routes/register-route').then((m) => ({ default: m.RegisterRoute })),
);
const VerifyEmailRoute = lazy(() =>
  import('@/features/auth/routes/verify-email-route').then((m) => ({ default: m.VerifyEmailRoute })),
);
const PasswordResetRoute = lazy(() =>
  import('@/features/auth/routes/password-reset-route').then((m) => ({ default: m.PasswordResetRoute })),
);
const ProfileRoute = lazy(() =>
  import('@/features/profile/routes/profile-route').then((m) => ({ default: m.ProfileRoute })),
);
const AccountSettingsRoute = lazy(() =>
  import('@/features/profile/routes/account-settings-route').then((m) => ({ default: m.AccountSettingsRoute })),
);

const OrganisationsRoute = lazy(() =>
  import('@/features/organisations/routes/organisations-route').then((m) => ({ default: m.OrganisationsRoute })),
);
const OrganisationRoute = lazy(() =>
  import('@/features/organisations/routes/organisation-route').then((m) => ({ default: m.OrganisationRoute })),
);
const NewOrganisationRoute = lazy(() =>
  import('@/features/organisations/routes/new-organisation-route').then((m) => ({ default: m.NewOrganisationRoute })),
);
const EditOrganisationRoute = lazy(() =>
  import('@/features/organisations/routes/edit-organisation-route').then((m) => ({ default: m.EditOrganisationRoute })),
);

const SearchRoute = lazy(() =>
  import('@/features/search/routes/search-route').then((m) => ({ default: m.SearchRoute })),
);

const ProjectRoute = lazy(() =>
  import('@/features/projects/routes/project-route').then((m) => ({ default: m.ProjectRoute })),
);
const NewProjectRoute = lazy(() =>
  import('@/features/projects/routes/new-project-route').then((m) => ({ default: m.NewProjectRoute })),
);
const EditProjectRoute = lazy(() =>
  import('@/features/projects/routes/edit-project-route').then((m) => ({ default: m.EditProjectRoute })),
);
const MyProjectsRoute = lazy(() =>
  import('@/features/projects/routes/my-projects-route').then((m) => ({ default: m.MyProjectsRoute })),
);

const CallsRoute = lazy(() =>
  import('@/features/funding/routes/calls-route').then((m) => ({ default: m.CallsRoute })),
);
const CallRoute = lazy(() =>
  import('@/features/funding/routes/call-route').then((m) => ({ default: m.CallRoute })),
);
const ReviewBoardRoute = lazy(() =>
  import('@/features/funding/routes/review-board-route').then((m) => ({ default: m.ReviewBoardRoute })),
);
const PublishCallRoute = lazy(() =>
  import('@/features/funding/routes/publish-call-route').then((m) => ({ default: m.PublishCallRoute })),
);
const EditCallRoute = lazy(() =>
  import('@/features/funding/routes/edit-call-route').then((m) => ({ default: m.EditCallRoute })),
);
const ApplicationRoute = lazy(() =>
  import('@/features/funding/routes/application-route').then((m) => ({ default: m.ApplicationRoute })),
);
const MyApplicationsRoute = lazy(() =>
  import('@/features/funding/routes/my-applications-route').then((m) => ({ default: m.MyApplicationsRoute })),
);
const ProjectFundingRoute = lazy(() =>
  import('@/features/funding/routes/project-funding-route').then((m) => ({ default: m.ProjectFundingRoute })),
);

const OpportunityRoute = lazy(() =>
  import('@/features/opportunities/routes/opportunity-route').then((m) => ({ default: m.OpportunityRoute })),
);
const NewOpportunityRoute = lazy(() =>
  import('@/features/opportunities/routes/new-opportunity-route').then((m) => ({ default: m.NewOpportunityRoute })),
);
const EditOpportunityRoute = lazy(() =>
  import('@/features/opportunities/routes/edit-opportunity-route').then((m) => ({ default: m.EditOpportunityRoute })),
);
const MyOpportunitiesRoute = lazy(() =>
  import('@/features/opportunities/routes/my-opportunities-route').then((m) => ({ default: m.MyOpportunitiesRoute })),
);

const InterestsRoute = lazy(() =>
  import('@/features/interests/routes/interests-route').then((m) => ({ default: m.InterestsRoute })),
);
const InterestRoute = lazy(() =>
  import('@/features/interests/routes/interest-route').then((m) => ({ default: m.InterestRoute })),
);
const ConversationsRoute = lazy(() =>
  import('@/features/conversations/routes/conversations-route').then((m) => ({ default: m.ConversationsRoute })),
);
const ConversationRoute = lazy(() =>
  import('@/features/conversations/routes/conversation-route').then((m) => ({ default: m.ConversationRoute })),
);
const NotificationsRoute = lazy(() =>
  import('@/features/notifications/routes/notifications-route').then((m) => ({ default: m.NotificationsRoute })),
);
const IntroductionsRoute = lazy(() =>
  import('@/features/introductions/routes/introductions-route').then((m) => ({ default: m.IntroductionsRoute })),
);
const IntroductionRoute = lazy(() =>
  import('@/features/introductions/routes/introduction-route').then((m) => ({ default: m.IntroductionRoute })),
);
const NewIntroductionRoute = lazy(() =>
  import('@/features/introductions/routes/new-introduction-route').then((m) => ({ default: m.NewIntroductionRoute })),
);
const SavedSearchesRoute = lazy(() =>
  import('@/features/saved-searches/routes/saved-searches-route').then((m) => ({ default: m.SavedSearchesRoute })),
);
const UnsubscribeRoute = lazy(() =>
  import('@/features/saved-searches/routes/unsubscribe-route').then((m) => ({ default: m.UnsubscribeRoute })),
);

const AtlasRoute = lazy(() =>
  import('@/features/cooperation/routes/atlas-route').then((m) => ({ default: m.AtlasRoute })),
);
const LinkRoute = lazy(() =>
  import('@/features/cooperation/routes/link-route').then((m) => ({ default: m.LinkRoute })),
);
const NewLinkRoute = lazy(() =>
  import('@/features/cooperation/routes/new-link-route').then((m) => ({ default: m.NewLinkRoute })),
);
const IntegrationsRoute = lazy(() =>
  import('@/features/integrations/routes/integrations-route').then((m) => ({ default: m.IntegrationsRoute })),
);
const TerritoryRoute = lazy(() =>
  import('@/features/cooperation/routes/territory-route').then((m) => ({ default: m.TerritoryRoute })),
);
const DiasporaRoute = lazy(() =>
  import('@/features/cooperation/routes/diaspora-route').then((m) => ({ default: m.DiasporaRoute })),
);
const StatsRoute = lazy(() =>
  import('@/features/cooperation/routes/stats-route').then((m) => ({ default: m.StatsRoute })),
);

// Declarative routes: react-router's data mode would add about 19 kB gzipped to every first visit,
// and TanStack Query already does the data loading.
export function AppRoutes() {
  return (
    <>
      <SessionEvents />
      <Routes>
        <Route element={<AppLayout account={<AccountNav />} notice={<UnverifiedNotice />} />}>
          <Route index element={<HomeRoute />} />
          <Route path="login" element={<LoginRoute />} />
          <Route path="register" element={<RegisterRoute />} />
          <Route path="verify-email" element={<VerifyEmailRoute />} />
          <Route path="password-reset" element={<PasswordResetRoute />} />
          <Route path="account" element={<RequireSession />}>
            <Route index element={<Navigate to="profile" replace />} />
            <Route path="profile" element={<ProfileRoute />} />
            <Route path="settings" element={<AccountSettingsRoute />} />
          </Route>
          <Route path="search" element={<SearchRoute />} />
          <Route path="projects">
            <Route index element={<Navigate to="/search" replace />} />
            <Route element={<RequireSession />}>
              <Route path="new" element={<NewProjectRoute />} />
              <Route path=":id/edit" element={<EditProjectRoute />} />
            </Route>
            <Route path=":id" element={<ProjectRoute />} />
            <Route path=":id/funding" element={<ProjectFundingRoute />} />
          </Route>
          <Route path="funding">
            <Route index element={<CallsRoute />} />
            <Route element={<RequireSession />}>
              <Route path="calls/new" element={<PublishCallRoute />} />
              <Route path="calls/:id/edit" element={<EditCallRoute />} />
              <Route path="calls/:id/applications" element={<ReviewBoardRoute />} />
              <Route path="applications/:id" element={<ApplicationRoute />} />
            </Route>
            <Route path="calls/:id" element={<CallRoute />} />
          </Route>
          <Route path="opportunities">
            <Route index element={<Navigate to="/search?type=opportunities" replace />} />
            <Route element={<RequireSession />}>
              <Route path="new" element={<NewOpportunityRoute />} />
              <Route path=":id/edit" element={<EditOpportunityRoute />} />
            </Route>
            <Route path=":id" element={<OpportunityRoute />} />
          </Route>
          <Route path="me" element={<RequireSession />}>
            <Route path="projects" element={<MyProjectsRoute />} />
            <Route path="opportunities" element={<MyOpportunitiesRoute />} />
            <Route path="saved-searches" element={<SavedSearchesRoute />} />
            <Route path="funding-applications" element={<MyApplicationsRoute />} />
          </Route>
          <Route element={<RequireSession />}>
            <Route path="interests" element={<InterestsRoute />} />
            <Route path="interests/:id" element={<InterestRoute />} />
            <Route path="conversations" element={<ConversationsRoute />} />
            <Route path="conversations/:id" element={<ConversationRoute />} />
            <Route path="notifications" element={<NotificationsRoute />} />
            <Route path="introductions" element={<IntroductionsRoute />} />
            <Route path="introductions/new" element={<NewIntroductionRoute />} />
            <Route path="introductions/:id" element={<IntroductionRoute />} />
          </Route>
          <Route path="organisations">
            <Route index element={<OrganisationsRoute />} />
            <Route element={<RequireSession />}>
              <Route path="new" element={<NewOrganisationRoute />} />
              <Route path=":id/edit" element={<EditOrganisationRoute />} />
              <Route path=":id/integrations" element={<IntegrationsRoute />} />
            </Route>
            <Route path=":id" element={<OrganisationRoute />} />
            <Route path=":id/territory" element={<TerritoryRoute />} />
          </Route>
          <Route path="cooperation">
            <Route index element={<AtlasRoute />} />
            <Route element={<RequireSession />}>
              <Route path="new" element={<NewLinkRoute />} />
            </Route>
            <Route path=":id" element={<LinkRoute />} />
          </Route>
          <Route path="territories" element={<DiasporaRoute />} />
          <Route path="stats" element={<StatsRoute />} />
          <Route path="unsubscribe/:token" element={<UnsubscribeRoute />} />
          <Route path="*" element={<NotFoundRoute />} />
        </Route>
      </Routes>
    </>
  );
}
