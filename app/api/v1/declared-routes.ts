import type { RouteModule } from "@/lib/openapi/operation";
import * as audit from "./audit/route";
import * as auditExport from "./audit/export/route";
import * as courierMe from "./courier/me/route";
import * as courierParcels from "./courier/parcels/route";
import * as courierParcel from "./courier/parcels/[code]/route";
import * as courierAddress from "./courier/parcels/[code]/address/route";
import * as imports from "./imports/route";
import * as importStatus from "./imports/[id]/route";
import * as importLabels from "./imports/[id]/labels.pdf/route";
import * as labels from "./labels/route";
import * as myParcels from "./me/parcels/route";
import * as pushSubscriptions from "./me/push-subscriptions/route";
import * as parcels from "./parcels/route";
import * as batch from "./parcels/batch/route";
import * as parcel from "./parcels/[code]/route";
import * as assignment from "./parcels/[code]/assignment/route";
import * as claim from "./parcels/[code]/claim/route";
import * as disclosures from "./parcels/[code]/disclosures/route";
import * as events from "./parcels/[code]/events/route";
import * as label from "./parcels/[code]/label.pdf/route";
import * as messages from "./parcels/[code]/messages/route";
import * as proof from "./parcels/[code]/proof/route";
import * as proofPhoto from "./parcels/[code]/proof/photo/route";
import * as purge from "./parcels/[code]/purge/route";
import * as reissue from "./parcels/[code]/reissue/route";
import * as parcelReports from "./parcels/[code]/reports/route";
import * as reports from "./reports/route";
import * as webhooks from "./webhooks/route";
import * as webhook from "./webhooks/[id]/route";

/**
 * Every /api/v1 route module, in the order the OpenAPI document lists them (/api/openapi.json,
 * /api/docs). tests/integration/openapi.test.ts holds it to the route files on disk.
 */
export const declaredRoutes: readonly RouteModule[] = [
  parcels,
  batch,
  parcel,
  events,
  label,
  reissue,
  labels,
  imports,
  importStatus,
  assignment,
  claim,
  proof,
  proofPhoto,
  courierParcels,
  courierMe,
  courierParcel,
  courierAddress,
  myParcels,
  pushSubscriptions,
  disclosures,
  parcelReports,
  reports,
  messages,
  purge,
  audit,
  auditExport,
  importLabels,
  webhooks,
  webhook,
];
