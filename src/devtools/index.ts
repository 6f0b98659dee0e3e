"use client";
export {};
