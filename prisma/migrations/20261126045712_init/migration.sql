-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CASEWORKER', 'COORDINATOR', 'ADMIN');

-- CreateEnum
CREATE TYPE "UserStatus" AS ENUM ('ACTIVE', 'DEACTIVATED');

-- CreateEnum
CREATE TYPE "JurisdictionRisk" AS ENUM ('ORIGIN', 'EXTRADITION_RISK', 'TRANSIT', 'SAFE');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('NEW', 'VERIFYING', 'PLANNING_EXIT', 'IN_TRANSIT', 'IN_THIRD_COUNTRY', 'APPLYING', 'RELOCATED', 'CLOSED');

-- CreateEnum
CREATE TYPE "CloseReason" AS ENUM ('SETTLED', 'LOST_CONTACT', 'WITHDREW', 'DETAINED', 'DEPORTED', 'OTHER');

-- CreateEnum
CREATE TYPE "AgeBand" AS ENUM ('AGE_18_24', 'AGE_25_34', 'AGE_35_44', 'AGE_45_PLUS');

-- CreateEnum
CREATE TYPE "ServiceCategory" AS ENUM ('CONSCRIPT', 'CONTRACT', 'MOBILISED', 'OFFICER', 'RESERVIST', 'OTHER', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('LOW', 'ELEVATED', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "CriminalCaseStatus" AS ENUM ('NONE_KNOWN', 'SUSPECTED', 'OPENED');

-- CreateEnum
CREATE TYPE "DocumentType" AS ENUM ('INTERNAL_PASSPORT', 'FOREIGN_PASSPORT', 'MILITARY_ID', 'BIRTH_CERTIFICATE', 'DRIVING_LICENCE', 'OTHER_ID');

-- CreateEnum
CREATE TYPE "DocumentState" AS ENUM ('HELD', 'EXPIRED', 'LOST', 'CONFISCATED', 'HELD_BY_AUTHORITIES', 'NEVER_HAD');

-- CreateEnum
CREATE TYPE "ApplicationType" AS ENUM ('VISA', 'ASYLUM', 'HUMANITARIAN_VISA', 'RESIDENCE_PERMIT');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('PLANNED', 'SUBMITTED', 'APPOINTMENT_SCHEDULED', 'APPROVED', 'REJECTED', 'APPEALED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "CaseEventType" AS ENUM ('CASE_CREATED', 'STATUS_CHANGED', 'PROFILE_UPDATED', 'CONTACT_UPDATED', 'LOCATION_CHANGED', 'DOCUMENT_UPDATED', 'APPLICATION_ADDED', 'APPLICATION_UPDATED', 'LEGAL_UPDATED', 'RISK_CHANGED', 'NEXT_STEP_ADDED', 'NEXT_STEP_DONE', 'NOTE_ADDED', 'ASSIGNED');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "status" "UserStatus" NOT NULL DEFAULT 'ACTIVE',
    "password_hash" TEXT NOT NULL,
    "password_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "totp_secret_enc" TEXT,
    "totp_enrolled_at" TIMESTAMPTZ(3),
    "totp_last_step" BIGINT,
    "locale" VARCHAR(8) NOT NULL DEFAULT 'en',
    "last_sign_in_at" TIMESTAMPTZ(3),
    "deactivated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id_hash" CHAR(64) NOT NULL,
    "user_id" UUID NOT NULL,
    "enrolment_only" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "client" VARCHAR(64) NOT NULL,
    "network_hint" VARCHAR(64) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id_hash")
);

-- CreateTable
CREATE TABLE "recovery_codes" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "code_hash" CHAR(64) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recovery_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invites" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "invites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_throttles" (
    "key" VARCHAR(80) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_failure_at" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),

    CONSTRAINT "login_throttles_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "country_risks" (
    "country_code" CHAR(2) NOT NULL,
    "risk" "JurisdictionRisk" NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" UUID,

    CONSTRAINT "country_risks_pkey" PRIMARY KEY ("country_code")
);

-- CreateTable
CREATE TABLE "cases" (
    "id" UUID NOT NULL,
    "code" VARCHAR(12) NOT NULL,
    "status" "CaseStatus" NOT NULL DEFAULT 'NEW',
    "status_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status_before_close" "CaseStatus",
    "close_reason" "CloseReason",
    "close_reason_text" VARCHAR(500),
    "closed_at" TIMESTAMPTZ(3),
    "age_band" "AgeBand" NOT NULL,
    "service_category" "ServiceCategory" NOT NULL,
    "people_travelling" SMALLINT NOT NULL DEFAULT 1,
    "language" VARCHAR(8) NOT NULL,
    "risk_level" "RiskLevel" NOT NULL,
    "current_country" CHAR(2) NOT NULL,
    "coarse_place" VARCHAR(120),
    "criminal_case" "CriminalCaseStatus" NOT NULL DEFAULT 'NONE_KNOWN',
    "on_wanted_list" BOOLEAN NOT NULL DEFAULT false,
    "extradition_request" BOOLEAN NOT NULL DEFAULT false,
    "detained" BOOLEAN NOT NULL DEFAULT false,
    "contact_channel_enc" TEXT NOT NULL,
    "data_key_wrapped" TEXT NOT NULL,
    "travel_doc_valid_until" DATE,
    "next_step_due_on" DATE,
    "next_appointment_at" TIMESTAMPTZ(3),
    "assigned_to_id" UUID,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "movements" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "country" CHAR(2) NOT NULL,
    "place" VARCHAR(120),
    "arrived_on" DATE,
    "left_on" DATE,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "movements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_documents" (
    "case_id" UUID NOT NULL,
    "type" "DocumentType" NOT NULL,
    "state" "DocumentState" NOT NULL,
    "expires_on" DATE,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_documents_pkey" PRIMARY KEY ("case_id","type")
);

-- CreateTable
CREATE TABLE "applications" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "type" "ApplicationType" NOT NULL,
    "destination_country" CHAR(2) NOT NULL,
    "office_city" VARCHAR(120),
    "status" "ApplicationStatus" NOT NULL DEFAULT 'PLANNED',
    "submitted_on" DATE,
    "appointment_at" TIMESTAMPTZ(3),
    "decision_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "applications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "next_steps" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "text" VARCHAR(300) NOT NULL,
    "owner_id" UUID,
    "due_on" DATE,
    "done_at" TIMESTAMPTZ(3),
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "next_steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notes" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "body_enc" TEXT NOT NULL,
    "author_id" UUID NOT NULL,
    "supersedes_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_status_changes" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "from_status" "CaseStatus",
    "to_status" "CaseStatus" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,

    CONSTRAINT "case_status_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_events" (
    "id" BIGSERIAL NOT NULL,
    "case_id" UUID NOT NULL,
    "type" "CaseEventType" NOT NULL,
    "actor_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "detail" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "case_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor_id" UUID,
    "action" VARCHAR(64) NOT NULL,
    "target_type" VARCHAR(16),
    "target_id" VARCHAR(64),
    "meta" JSONB NOT NULL DEFAULT '{}',
    "prev_hash" CHAR(64) NOT NULL,
    "hash" CHAR(64) NOT NULL,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_head" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "last_id" BIGINT NOT NULL,
    "last_hash" CHAR(64) NOT NULL,

    CONSTRAINT "audit_head_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_role_status_idx" ON "users"("role", "status");

-- CreateIndex
CREATE INDEX "sessions_user_id_revoked_at_idx" ON "sessions"("user_id", "revoked_at");

-- CreateIndex
CREATE UNIQUE INDEX "recovery_codes_user_id_code_hash_key" ON "recovery_codes"("user_id", "code_hash");

-- CreateIndex
CREATE UNIQUE INDEX "invites_token_hash_key" ON "invites"("token_hash");

-- CreateIndex
CREATE INDEX "invites_email_idx" ON "invites"("email");

-- CreateIndex
CREATE INDEX "country_risks_risk_idx" ON "country_risks"("risk");

-- CreateIndex
CREATE UNIQUE INDEX "cases_code_key" ON "cases"("code");

-- CreateIndex
CREATE INDEX "cases_assigned_to_id_updated_at_id_idx" ON "cases"("assigned_to_id", "updated_at" DESC, "id");

-- CreateIndex
CREATE INDEX "cases_updated_at_id_idx" ON "cases"("updated_at" DESC, "id");

-- CreateIndex
CREATE INDEX "cases_status_status_changed_at_idx" ON "cases"("status", "status_changed_at");

-- CreateIndex
CREATE INDEX "cases_current_country_status_idx" ON "cases"("current_country", "status");

-- CreateIndex
CREATE INDEX "cases_risk_level_status_idx" ON "cases"("risk_level", "status");

-- CreateIndex
CREATE INDEX "cases_travel_doc_valid_until_idx" ON "cases"("travel_doc_valid_until");

-- CreateIndex
CREATE INDEX "cases_next_step_due_on_idx" ON "cases"("next_step_due_on");

-- CreateIndex
CREATE INDEX "cases_next_appointment_at_idx" ON "cases"("next_appointment_at");

-- CreateIndex
CREATE INDEX "cases_created_at_idx" ON "cases"("created_at");

-- CreateIndex
CREATE INDEX "cases_closed_at_idx" ON "cases"("closed_at");

-- CreateIndex
CREATE INDEX "movements_case_id_created_at_idx" ON "movements"("case_id", "created_at");

-- CreateIndex
CREATE INDEX "applications_case_id_idx" ON "applications"("case_id");

-- CreateIndex
CREATE INDEX "applications_destination_country_status_idx" ON "applications"("destination_country", "status");

-- CreateIndex
CREATE INDEX "applications_appointment_at_idx" ON "applications"("appointment_at");

-- CreateIndex
CREATE INDEX "next_steps_case_id_done_at_idx" ON "next_steps"("case_id", "done_at");

-- CreateIndex
CREATE INDEX "next_steps_owner_id_due_on_idx" ON "next_steps"("owner_id", "due_on");

-- CreateIndex
CREATE INDEX "next_steps_due_on_idx" ON "next_steps"("due_on");

-- CreateIndex
CREATE UNIQUE INDEX "notes_supersedes_id_key" ON "notes"("supersedes_id");

-- CreateIndex
CREATE INDEX "notes_case_id_created_at_idx" ON "notes"("case_id", "created_at");

-- CreateIndex
CREATE INDEX "case_status_changes_case_id_at_idx" ON "case_status_changes"("case_id", "at");

-- CreateIndex
CREATE INDEX "case_status_changes_to_status_at_idx" ON "case_status_changes"("to_status", "at");

-- CreateIndex
CREATE INDEX "case_status_changes_from_status_at_idx" ON "case_status_changes"("from_status", "at");

-- CreateIndex
CREATE INDEX "case_events_case_id_at_idx" ON "case_events"("case_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "audit_log_hash_key" ON "audit_log"("hash");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_at_idx" ON "audit_log"("actor_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_action_at_idx" ON "audit_log"("action", "at");

-- CreateIndex
CREATE INDEX "audit_log_target_type_target_id_at_idx" ON "audit_log"("target_type", "target_id", "at");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invites" ADD CONSTRAINT "invites_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "country_risks" ADD CONSTRAINT "country_risks_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_assigned_to_id_fkey" FOREIGN KEY ("assigned_to_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "movements" ADD CONSTRAINT "movements_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "movements" ADD CONSTRAINT "movements_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_documents" ADD CONSTRAINT "case_documents_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "applications" ADD CONSTRAINT "applications_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "next_steps" ADD CONSTRAINT "next_steps_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "next_steps" ADD CONSTRAINT "next_steps_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "next_steps" ADD CONSTRAINT "next_steps_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_supersedes_id_fkey" FOREIGN KEY ("supersedes_id") REFERENCES "notes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_status_changes" ADD CONSTRAINT "case_status_changes_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_status_changes" ADD CONSTRAINT "case_status_changes_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
