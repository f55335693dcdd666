import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { oidcSettings, type Config, type OidcVariables } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { accountsRoutes } from '../features/accounts/accounts.routes.ts';
import { AccountsService } from '../features/accounts/accounts.service.ts';
import { OutboxNotifier, type Notifier } from '../features/accounts/notifier.ts';
import { oidcRoutes } from '../features/accounts/oidc.routes.ts';
import { OidcService } from '../features/accounts/oidc.service.ts';
import { auditRoutes } from '../features/audit/audit.routes.ts';
import { AuditService } from '../features/audit/audit.service.ts';
import { calendarRoutes } from '../features/calendar/calendar.routes.ts';
import { CalendarService } from '../features/calendar/calendar.service.ts';
import { ItemReviewService } from '../features/items/review.service.ts';
import { DocumentReviewService } from '../features/library/document-review.service.ts';
import { libraryRoutes } from '../features/library/library.routes.ts';
import { RepealService } from '../features/library/lifecycle-repeal.service.ts';
import { lifecycleRoutes } from '../features/library/lifecycle.routes.ts';
import { itemsRoutes } from '../features/items/items.routes.ts';
import { ItemsService } from '../features/items/items.service.ts';
import { suggestRoutes } from '../features/items/suggest.routes.ts';
import { LibraryService } from '../features/library/library.service.ts';
import { matchingRoutes } from '../features/matching/matching.routes.ts';
import { MatchingService } from '../features/matching/matching.service.ts';
import { profilesRoutes } from '../features/profiles/profiles.routes.ts';
import { ProfilesService } from '../features/profiles/profiles.service.ts';
import { subjectsRoutes } from '../features/subjects/subjects.routes.ts';
import { SubjectsService } from '../features/subjects/subjects.service.ts';
import { windowRoutes } from '../features/window/window.routes.ts';
import { WindowService } from '../features/window/window.service.ts';
import { validityRoutes } from '../features/validity/validity.routes.ts';
import { ValidityService } from '../features/validity/validity.service.ts';
import type { Logger } from '../logger.ts';
import { getSegmenter } from '../search/segmenter.ts';
import { accessPlugin, type RouteInfo } from './plugins/access.ts';
import { webPlugin, type WebOptions } from './plugins/web.ts';

export type { RouteInfo };
import { errorsPlugin } from './plugins/errors.ts';
import { securityPlugin } from './plugins/security.ts';

export interface AppOptions {
  config: Pick<Config, 'ZCT_ADMIN_TOKEN'> &
    Partial<Pick<Config, 'ZCT_AUDIT_KEY' | 'ZCT_TRUST_PROXY'>> &
    OidcVariables;
  database: DatabaseHandle;
  logger?: Logger | false;
  /** The portal (web/dist by default); false serves the API alone. */
  web?: WebOptions | false;
  /** Where messages go; by default the local outbox (docs/adapters.md). */
  notifier?: Notifier;
}

export interface App {
  app: FastifyInstance;
  library: LibraryService;
  items: ItemsService;
  profiles: ProfilesService;
  matching: MatchingService;
  accounts: AccountsService;
  review: ItemReviewService;
  calendar: CalendarService;
  audit: AuditService;
  /** The daily validity run's use cases: the HTTP routes and the server's durable jobs share this one. */
  validity: ValidityService;
  /** Every route with the access it declares: the route × access matrix tests walk this list. */
  routes: RouteInfo[];
}

/**
 * Builds the HTTP app without listening, so that tests call it with `app.inject`.
 *
 * @example const { app } = await buildApp({ config, database }); await app.inject('/api/health');
 */
export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({
    // The visitor's address (rate limits, throttling, the audit trail) from X-Forwarded-For, only from these.
    ...(options.config.ZCT_TRUST_PROXY !== undefined && { trustProxy: options.config.ZCT_TRUST_PROXY }),
    loggerInstance: options.logger || undefined,
    logger: options.logger === undefined ? false : undefined,
  } as never) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Files to ingest arrive as the raw body.
  app.addContentTypeParser(
    ['application/pdf', 'application/octet-stream'],
    { parseAs: 'buffer' },
    (_req, body, done) => done(null, body),
  );
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const routes: RouteInfo[] = [];
  const audit = new AuditService(
    options.database,
    options.config.ZCT_AUDIT_KEY ? { subjectKey: options.config.ZCT_AUDIT_KEY } : {},
  );
  const notifier = options.notifier ?? new OutboxNotifier(options.database);
  const accounts = new AccountsService(options.database, notifier, audit);
  await app.register(errorsPlugin);
  await app.register(securityPlugin);
  await app.register(accessPlugin, {
    adminToken: options.config.ZCT_ADMIN_TOKEN,
    sessions: accounts,
    publicPrefixes: ['/api/docs'],
    registry: routes,
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '政策通 API',
        description: '聊城市惠企便民政策服务平台（聊政办字〔2023〕13号）的接口',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          adminToken: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'zct_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
    // A recursive (z.lazy) schema is emitted as a $ref; without a named component it dangles, and the
    // document fails to validate (openapi-typescript refuses it). Named here until library.schema.ts names it.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const library = new LibraryService(options.database, getSegmenter());
  const items = new ItemsService(options.database, library);
  const profiles = new ProfilesService(options.database);
  const matching = new MatchingService(items, profiles, audit);
  const review = new ItemReviewService(options.database, items, audit);
  const documents = new DocumentReviewService(options.database, library, audit);
  const calendar = new CalendarService(options.database, { audit });
  const validity = new ValidityService(options.database, items, calendar, notifier, audit);
  if (options.web !== false) await app.register(webPlugin, options.web ?? {});
  await app.register(
    async (api) => {
      const r = api.withTypeProvider<ZodTypeProvider>();
      r.get(
        '/health',
        {
          config: { access: 'public' },
          schema: {
            tags: ['系统'],
            summary: '运行状态',
            response: {
              200: z.object({
                status: z.literal('ok'),
                database: z.enum(['sqlite', 'postgres']),
                counts: z.object({ documents: z.number(), articles: z.number(), issues: z.number() }),
              }),
            },
          },
        },
        async () => ({
          status: 'ok' as const,
          database: options.database.dialect,
          counts: await library.counts(),
        }),
      );
      await api.register(libraryRoutes(library, documents));
      await api.register(lifecycleRoutes(documents, new RepealService(options.database, audit)));
      await api.register(accountsRoutes(accounts));
      await api.register(oidcRoutes(new OidcService(oidcSettings(options.config), accounts)));
      await api.register(calendarRoutes(calendar));
      await api.register(auditRoutes(audit));
      await api.register(itemsRoutes(items, matching, review));
      await api.register(suggestRoutes(library));
      await api.register(profilesRoutes(profiles));
      await api.register(matchingRoutes(matching, profiles));
      await api.register(windowRoutes(new WindowService(options.database, profiles, matching, audit)));
      await api.register(subjectsRoutes(new SubjectsService(options.database, audit)));
      await api.register(validityRoutes(validity));
    },
    { prefix: '/api' },
  );
  return { app, library, items, profiles, matching, accounts, review, calendar, audit, validity, routes };
}
