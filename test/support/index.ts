export { REPO_ROOT, TEST_JWT_SECRET, testContext, type TestContext } from './env';
export { createTestDatabase, restoreTestDatabase, type TestDatabase } from './database';
export { connectRedis, deleteRedisKeys, uniqueRedisPrefix } from './redis';
export {
  startApi,
  startStartScript,
  startDevIdp,
  startWorker,
  stopAll,
  type ApiHandle,
  type ApiStartOptions,
  type DevIdpHandle,
  type DevIdpOptions,
  type ProcessHandle,
  type StartOptions,
  type WorkerHandle,
} from './processes/start';
export type { ExitInfo } from './processes/managed-process';
export { freePort } from './processes/free-port';
export { isRunning, portIsFree } from './processes/lifetime';
export { mintToken, type MintOptions, type TokenClaims } from './tokens';
export { waitFor, type WaitForOptions } from './wait-for';
export { http, type HttpClient, type HttpHeaders, type HttpResponse } from './http';
export {
  connectLive,
  liveConnectError,
  LiveConnectError,
  type LiveClient,
  type LiveEvent,
  type LiveOptions,
  type SubscribeAck,
} from './live';
export { startRedisServer, stopRedisServers, type RedisServer, type RedisServerOptions } from './redis-server';
export {
  ACK_SLA,
  escalationInput,
  eventsAbout,
  expectStatus,
  historyOutline,
  isStrictlyIncreasing,
  SLA_MS,
  sleep,
  statusOf,
  timerJobKey,
  waitForEscalation,
  type Actor,
  type DecisionRequestBody,
  type EscalationBody,
  type HistoryStep,
  type Level,
  type ProblemBody,
  type Severity,
} from './escalations';
export {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  addDays,
  eventually,
  expectedAuthorityRag,
  expectedFigureRag,
  launchChromium,
  loadRegionFile,
  regionDay,
  worstOf,
  zonedInstant,
  type BoardAuthorityView,
  type BoardBody,
  type BoardCellView,
  type BoardItemView,
  type DailyFeedBody,
  type FeedCellView,
  type FeedDecisionView,
  type FeedEscalationView,
  type FeedTotalView,
  type Rag,
  type RegionCell,
  type RegionFigure,
  type RegionFile,
  type RegionThreshold,
} from './situation';
export { badTokens, unknownRoleToken, type BadTokenKind } from './bad-tokens';
export {
  closeFleet,
  fleetCaughtUp,
  fleetProblems,
  journalSeqs,
  openFleet,
  outcomes,
  readinessBecomes,
  runStream,
  serverErrors,
  startRedisOnPort,
  stopPortRedis,
  settledJournal,
  storedOnce,
  withDb,
  type Attempt,
  type FleetSocket,
  type PortRedis,
  type StreamOptions,
  type Write,
  type WriteKind,
} from './faults';
export {
  startPostgresServer,
  stopPostgresServers,
  type PostgresServer,
  type PostgresServerOptions,
} from './postgres-server';
export { startFaultStage, type FaultStage } from './fault-stage';
export { FormBrowser, type BrowserPage, type NavigateOptions } from './oidc-browser';
export {
  beginSignIn,
  formAction,
  logoutForm,
  openidClient,
  relyingParty,
  signIn,
  submitSignIn,
  type PendingSignIn,
  type RelyingParty,
  type RelyingPartyOptions,
  type SignedIn,
  type Who,
} from './dev-idp';
export { sample, scrape, type Samples } from './metrics';
export { ApiDescription, coverage, type DocumentedOperation, type HttpMethod, type ResponseSeen } from './openapi';
export { startConsoleStack, type ConsoleStack, type ConsoleStackOptions } from './console/stack';
export { ConsoleBrowser, Person, type BrowserProblem } from './console/browser';
export { ConsolePage } from './console/pages/console-page';
export { SignInPage, type TypedPerson } from './console/pages/sign-in-page';
export { BoardPage, type BoardRow } from './console/pages/board-page';
export { AccountPage, SignedOutPage } from './console/pages/account-page';
export { ContactPage, RotasPage } from './console/pages/contact-page';
export { EscalationsPage, type EscalationRow, type RaiseFields } from './console/pages/escalations-page';
export { EscalationPage, submitForm, type FormAnswer, type TimelineStep } from './console/pages/escalation-page';
export { CellLogPage, type ShownEntry } from './console/pages/cell-log-page';
export { DecisionFormPage, ukTime, type TypedDecision } from './console/pages/decision-form-page';
export { DecisionRequestsPage, type TypedRequest } from './console/pages/decision-requests-page';
export { PackPage } from './console/pages/pack-page';
export { pdfPages, type PdfPage } from './console/pdf-text';
export { atomEntries, atomProblems } from './atom';
export { SitrepsPage } from './console/pages/sitreps-page';
export { DailyReportsPage, ReportPage } from './console/pages/report-pages';
export { FeedTokensPage } from './console/pages/feed-tokens-page';
export {
  readMail,
  startHttpReceiver,
  startSmtpCapture,
  type CapturedMail,
  type HttpReceiver,
  type ReceivedRequest,
  type Reply,
  type SmtpCapture,
} from './channel-servers';
