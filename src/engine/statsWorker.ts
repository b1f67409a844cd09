/// <reference lib="webworker" />
/** Browser entry of one layer-statistics worker of the engine's pool (statsPool.ts). */
import { answerLayerJobs, type StatsPort } from './statsPool';

answerLayerJobs(self as unknown as StatsPort);
