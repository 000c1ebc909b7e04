-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'STAY_ENDING';
ALTER TYPE "NotificationKind" ADD VALUE 'ENTRY_DEADLINE';
