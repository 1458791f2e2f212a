/**
 * Which recorded exchanges scripts/import-recordings.mjs imports, and from
 * where. One entry per fixture file: test/fixtures/datadog-recordings/<endpoint>/<name>.json.
 * `path` matches the request path; only 2xx exchanges are kept, a repeated
 * identical request once; `pick` narrows further; `trim` drops whole list
 * items from one exchange's body (never edits a field) and says why.
 */

export const SOURCES = {
  typescript: {
    repository: "DataDog/datadog-api-client-typescript",
    licence: "Apache-2.0",
    format: "polly",
    licenceFile: "LICENSE-datadog-api-client-typescript",
    legalFiles: { LICENSE: "LICENSE-datadog-api-client-typescript", NOTICE: "NOTICE-datadog-api-client-typescript" },
  },
  terraform: {
    repository: "DataDog/terraform-provider-datadog",
    licence: "MPL-2.0",
    format: "vcr",
    licenceFile: "LICENSE-terraform-provider-datadog",
    legalFiles: { LICENSE: "LICENSE-terraform-provider-datadog" },
  },
};

const TS_SECURITY = "cassettes/v2/Security-Monitoring_1187227211";
const TF = "datadog/tests/cassettes";

const RULES_LIST = /^\/api\/v2\/security_monitoring\/rules$/;
const ONE_RULE = /^\/api\/v2\/security_monitoring\/rules\/[^/]+$/;
const responseHas = (text) => (exchange) => exchange.responseText.includes(text);

/** A rule body recorded when a client test created it (the POST response is the stored rule). */
function createdRule(name, folder, about, pick) {
  return {
    endpoint: "rules",
    name,
    source: "typescript",
    cassette: `${TS_SECURITY}/${folder}`,
    method: "POST",
    path: RULES_LIST,
    about,
    ...(pick ? { pick } : {}),
  };
}

export const RECORDINGS = [
  // ------------------------------------------------------------ rules
  {
    endpoint: "rules",
    name: "default-rules-paged",
    source: "terraform",
    cassette: `${TF}/TestAccDatadogSecurityMonitoringDefaultRule_DeprecationWarning`,
    method: "GET",
    path: RULES_LIST,
    about:
      "The rules list exactly as ddproof asks for it (page[size]=100, page[number]=0 then 1): Datadog's default rules of every type and detection method, deprecated and beta ones included.",
    // The provider read the list three times; the first read of page 0 and of page 1.
    pick: (_exchange, index) => index < 2,
    trim: [
      {
        exchange: 1,
        key: "data",
        // Page 1 must stay short so the collector stops there (the recording has no page 2);
        // every rule that is not a cloud_configuration rule is kept, and the first five of those.
        keep: (rule, index) => rule.type !== "cloud_configuration" || index < 5,
        why: "page 1 is shortened so that paging ends on it (the recording has no page 2): every non-cloud_configuration rule kept, cloud_configuration rules after the first five dropped",
      },
    ],
  },
  createdRule(
    "log-detection-threshold",
    "Create-a-detection-rule-returns-OK-response_1993092739",
    "A custom log_detection rule, threshold method.",
  ),
  createdRule(
    "log-detection-anomaly",
    "Create-a-detection-rule-with-detection-method-anomaly_detection-returns-OK-response_2285159328",
    "A custom log_detection rule, anomaly_detection method.",
  ),
  createdRule(
    "log-detection-sequence",
    "Create-a-detection-rule-with-detection-method-sequence_detection-returns-OK-response_224770692",
    "A custom log_detection rule, sequence_detection method.",
  ),
  createdRule(
    "log-detection-third-party",
    "Create-a-detection-rule-with-detection-method-third_party-returns-OK-response_1476655317",
    "A custom log_detection rule, third_party method.",
  ),
  createdRule(
    "log-detection-impossible-travel",
    "Create-a-detection-rule-with-type-impossible_travel-returns-OK-response_4217150877",
    "A custom log_detection rule, impossible_travel method.",
  ),
  createdRule(
    "application-security",
    "Create-a-detection-rule-with-type-application_security-returns-OK-response_4179263030",
    "A custom application_security rule.",
  ),
  createdRule(
    "workload-security",
    "Create-a-detection-rule-with-type-workload_security-returns-OK-response_733244223",
    "A custom workload_security rule.",
  ),
  createdRule(
    "signal-correlation",
    "Create-a-detection-rule-with-type-signal_correlation-returns-OK-response_3291982082",
    "A custom signal_correlation rule chaining two log rules by ruleId.",
    responseHas('"type":"signal_correlation"'),
  ),
  createdRule(
    "cloud-configuration",
    "Create-a-cloud_configuration-rule-returns-OK-response_3743307914",
    "A custom cloud_configuration rule.",
  ),
  createdRule(
    "log-detection-scheduled",
    "Create-a-scheduled-detection-rule-returns-OK-response_4086716458",
    "A custom scheduled log_detection rule.",
  ),
  {
    endpoint: "rules",
    name: "log-detection-new-value",
    source: "terraform",
    cassette: `${TF}/TestAccDatadogSecurityMonitoringRule_Migration_NewValue`,
    method: "GET",
    path: ONE_RULE,
    about: "A custom log_detection rule, new_value method, read back by id.",
  },

  // ----------------------------------------------------- suppressions
  {
    endpoint: "suppressions",
    name: "list-sorted",
    source: "typescript",
    cassette: `${TS_SECURITY}/Get-all-suppression-rules-returns-OK-response-with-sort-ascending_844896380`,
    method: "GET",
    path: /^\/api\/v2\/security_monitoring\/configuration\/suppressions$/,
    about: "The suppressions list with two suppressions.",
  },
  {
    endpoint: "suppressions",
    name: "list-many",
    source: "terraform",
    cassette: `${TF}/TestAccSecurityMonitoringSuppressionDataSource`,
    method: "GET",
    path: /^\/api\/v2\/security_monitoring\/configuration\/suppressions$/,
    about:
      "The suppressions list of a busy org: expired, unexpired and never-expiring suppressions, some without a description, some with a data exclusion query; the API repeated most of them in one response.",
    // The provider read the same list four times.
    pick: (_exchange, index) => index === 0,
    trim: [
      {
        exchange: 0,
        key: "data",
        // The recorded list repeats 21 of its 24 suppressions eight times each, identically.
        keep: (item, index, items) => items.slice(0, index).filter((earlier) => earlier.id === item.id).length < 2,
        why: "the request asked no page and got 171 items: 24 suppressions, 21 of them repeated eight times each, identically; shortened below ddproof's page of 100 so that paging ends on it, keeping the first two occurrences of each suppression (every suppression, and the repetition)",
      },
    ],
  },
  {
    endpoint: "suppressions",
    name: "start-date",
    source: "terraform",
    cassette: `${TF}/TestAccSecurityMonitoringSuppression_CreateThenAddAndRemoveStartDate`,
    method: "GET",
    path: /^\/api\/v2\/security_monitoring\/configuration\/suppressions\/[^/]+$/,
    about: "One suppression read back by id, before and after a start_date in 2099 was added.",
    pick: (_exchange, index) => index < 2,
  },

  // ------------------------------------------------------ agent rules
  {
    endpoint: "agent-rules",
    name: "list",
    source: "typescript",
    cassette:
      "cassettes/v2/CSM-Threats_3156990395/Get-all-Workload-Protection-agent-rules-returns-OK-response_3926879732",
    method: "GET",
    path: /^\/api\/v2\/remote_config\/products\/cws\/agent_rules$/,
    about: "The Workload Protection agent rules list (default rules, with MITRE product tags).",
    trim: [
      {
        exchange: 0,
        key: "data",
        keep: (rule, index) =>
          index < 60 || rule.attributes?.enabled !== true || (rule.attributes?.product_tags ?? []).length < 2,
        why: "the list is long and repetitive (one default agent rule after another): the first 60 kept, and every disabled rule or rule with fewer than two product tags",
      },
    ],
  },

  // ----------------------------------------------- notification rules
  {
    endpoint: "notification-rules",
    name: "list",
    source: "typescript",
    cassette: `${TS_SECURITY}/Get-the-list-of-signal-based-notification-rules-returns-The-list-of-notification-rules-re_3154038371`,
    method: "GET",
    path: /^\/api\/v2\/security\/signals\/notification_rules$/,
    about: "The signal notification rules list: two rules scoped by a selectors query.",
  },

  // ------------------------------------------------------- dashboards
  {
    endpoint: "dashboards",
    name: "list-paged",
    source: "typescript",
    cassette: "cassettes/v1/Dashboards_1335235736/Get-all-dashboards-returns-OK-response-with-pagination_71096463",
    method: "GET",
    path: /^\/api\/v1\/dashboard$/,
    about: "The dashboards list, two pages of two (count=2, start=0 then 2).",
  },

  // --------------------------------------------------- logs aggregate
  {
    endpoint: "logs-aggregate",
    name: "group-by",
    source: "typescript",
    cassette: "cassettes/v2/Logs_1370058150/Aggregate-compute-events-with-group-by-returns-OK-response_521868508",
    method: "POST",
    path: /^\/api\/v2\/logs\/analytics\/aggregate$/,
    about: "A grouped count timeseries; the recorded org had no logs in the window, so the buckets are empty.",
  },

  // ------------------------------------------------------ log indexes
  {
    endpoint: "log-indexes",
    name: "list",
    source: "terraform",
    cassette: `${TF}/TestAccDatadogLogsIndexesDatasource`,
    method: "GET",
    path: /^\/api\/v1\/logs\/config\/indexes$/,
    about: "The log indexes list with retention and Flex retention.",
  },

  // ----------------------------------------------------- log archives
  {
    endpoint: "log-archives",
    name: "gcs",
    source: "terraform",
    cassette: `${TF}/TestAccDatadogLogsArchiveGCS_basic`,
    method: "GET",
    path: /^\/api\/v2\/logs\/config\/archives\/[^/]+$/,
    about: "One GCS archive read back by id (no recording of the archives list exists).",
  },
  {
    endpoint: "log-archives",
    name: "azure",
    source: "terraform",
    cassette: `${TF}/TestAccDatadogLogsArchiveAzure_basic`,
    method: "GET",
    path: /^\/api\/v2\/logs\/config\/archives\/[^/]+$/,
    about: "One Azure archive read back by id (no recording of the archives list exists).",
  },

  // ------------------------------------------------------------- hosts
  {
    endpoint: "hosts",
    name: "list",
    source: "typescript",
    cassette:
      "cassettes/v1/Hosts_3483037620/Get-all-hosts-with-metadata-for-your-organization-returns-OK-response_2722143993",
    method: "GET",
    path: /^\/api\/v1\/hosts$/,
    about: "The hosts list with metadata (last_reported_time in epoch seconds, meta.agent_version).",
  },

  // -------------------------------------------------------- CSM agents
  {
    endpoint: "csm-agents",
    name: "list",
    source: "typescript",
    cassette: "cassettes/v2/CSM-Agents_3304762456/Get-all-CSM-Agents-returns-OK-response_1277052251",
    method: "GET",
    path: /^\/api\/v2\/csm\/onboarding\/agents$/,
    about: "The CSM agents list (hostname, agent_version, is_cws_enabled, is_cspm_enabled).",
  },

  // ---------------------------------------------------------- signals
  {
    endpoint: "signals-search",
    name: "paged",
    source: "typescript",
    cassette: `${TS_SECURITY}/Get-a-list-of-security-signals-returns-OK-response-with-pagination_1673592626`,
    method: "POST",
    path: /^\/api\/v2\/security_monitoring\/signals\/search$/,
    about: "A signals search in three cursor pages (limit 2); the signals returned are a day older than filter.from.",
  },

  // ------------------------------------------------------------ audit
  {
    endpoint: "audit-search",
    name: "paged",
    source: "typescript",
    cassette: "cassettes/v2/Audit_2643932488/Search-Audit-Logs-events-returns-OK-response-with-pagination_4162694404",
    method: "POST",
    path: /^\/api\/v2\/audit\/events\/search$/,
    about: "An Audit Trail search in three cursor pages (limit 2): API-access events, none a rule change.",
  },
];
